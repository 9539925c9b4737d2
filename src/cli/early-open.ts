// `zhiliang serve` on the embedded database: the database's worker thread starts booting (PGlite,
// about a second of WebAssembly start-up and recovery on the second core) before the rest of the
// command and the server's modules load on the first, instead of after them. Only for the plain
// `serve` (or no command) without --data-dir and without DATABASE_URL; anything else opens the
// database as before. The server takes the opening with `takeEarlyOpening` (src/cli/platform.ts).
import { loadConfig } from '../core/config';
import type { DbHandle } from '../core/db/index';

let early: { dataDir: string; opening: Promise<DbHandle> } | undefined;

/** Whether these arguments run `serve` with the environment's data directory (nothing to parse first). */
export function servesFromEnvironment(args: readonly string[]): boolean {
  const rest = args[0] === 'serve' ? args.slice(1) : args;
  if (args.length > 0 && args[0] !== 'serve' && !args[0].startsWith('-')) return false;
  // the port and host options do not change the database; anything else (help, version, --data-dir,
  // an unknown word) goes through the command's own parsing first
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-p' || a === '--port' || a === '--host') {
      i++;
      continue;
    }
    if (/^(--port|--host)=/.test(a) || /^-p\d+$/.test(a)) continue;
    return false;
  }
  return true;
}

/** Starts opening the embedded database when these arguments are a plain `serve`. */
export function openEarly(args: readonly string[]): void {
  if (!servesFromEnvironment(args)) return;
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch {
    return; // a bad setting (PORT=abc): `serve` reports it in Chinese as it always has
  }
  if (config.databaseUrl) return;
  // the thread first (its module loads nothing but Node's own), the driver and the ORM meanwhile
  const embeddedBoot = import('../core/db/embedded-boot').then(({ bootEmbedded }) => bootEmbedded({ dataDir: config.dataDir, migratedTemplate: true }));
  embeddedBoot.catch(() => {});
  const opening = import('../core/db/index').then(({ createDb }) => createDb({ ...config, migratedTemplate: true, embeddedBoot }));
  opening.catch(() => {}); // its failure (a data directory held by another server) is thrown where it is taken
  early = { dataDir: config.dataDir, opening };
}

/**
 * The opening started by `openEarly`, when it is for this configuration's database (taken once);
 * undefined otherwise, and the caller opens the database itself.
 */
export function takeEarlyOpening(config: { dataDir: string; databaseUrl?: string }): Promise<DbHandle> | undefined {
  const e = early;
  early = undefined;
  if (!e || config.databaseUrl || e.dataDir !== config.dataDir) {
    // not ours to use: let it close (releasing the data directory) rather than hold it
    e?.opening.then((h) => h.close()).catch(() => {});
    return undefined;
  }
  return e.opening;
}
