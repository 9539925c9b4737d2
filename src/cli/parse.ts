import type { Command } from 'commander';
// Placeholder: the `parse` command (issue 3) is written here.
export function registerParse(_program: Command): void {}
