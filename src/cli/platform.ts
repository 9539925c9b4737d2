import type { Command } from 'commander';
// Placeholder: `serve` (default), `db migrate`, `users create` (issue 2) are written here.
export function registerPlatformCommands(_program: Command): void {}
