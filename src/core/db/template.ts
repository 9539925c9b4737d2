// A template embedded data directory: PGlite's initdb and the migrations done once, kept, and copied
// for each new data directory after that (a copy of ~40 MB is ~0.3 s; initdb plus the migrations
// were ~3.5 s of a fresh start, issue 10). Keyed by the hash of the migrations, the PGlite version
// and the shared_buffers setting, so a template is never used when any of them changed.
// Decision 039.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The drizzle/ folder of this installation (also migrate.ts's; kept here so the worker path needs no drizzle import). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../drizzle', import.meta.url));

function pgliteVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve('@electric-sql/pglite');
    let dir = path.dirname(main);
    while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    return String(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

/** A hash of the migrations (every file under drizzle/, names and contents), the PGlite version and `extra`. */
export function migrationsKey(extra = ''): string {
  const h = crypto.createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR, { recursive: true }).map(String).sort()) {
    const p = path.join(MIGRATIONS_DIR, f);
    if (fs.statSync(p).isFile()) h.update(f).update(fs.readFileSync(p));
  }
  h.update(`pglite ${pgliteVersion()}`).update(extra);
  return h.digest('hex').slice(0, 16);
}

/**
 * Where templates are kept: ZHILIANG_PGLITE_TEMPLATE_DIR, else dist/pglite-template of this
 * installation (beside the server bundle; rebuilt when missing). ZHILIANG_PGLITE_TEMPLATE=0: none.
 */
export function templateRoot(): string | undefined {
  if (process.env.ZHILIANG_PGLITE_TEMPLATE?.trim() === '0') return undefined;
  const dir = process.env.ZHILIANG_PGLITE_TEMPLATE_DIR?.trim();
  return dir ? path.resolve(dir) : fileURLToPath(new URL('../../../dist/pglite-template', import.meta.url));
}

/** The template's folder for the current migrations (its `pglite/` is a closed, migrated data directory once `READY` exists). */
export function templatePath(root: string, sharedBuffers: string | undefined): string {
  return path.join(root, migrationsKey(`shared_buffers ${sharedBuffers || '16MB'}`));
}

export function templateReady(template: string): boolean {
  return fs.existsSync(path.join(template, 'READY'));
}

/** Copies a ready template's data directory into `pgDataDir` (which must not hold a database yet). */
export function restoreTemplate(template: string, pgDataDir: string): void {
  fs.cpSync(path.join(template, 'pglite'), pgDataDir, { recursive: true });
}

/**
 * A new folder beside the template to build it in (its `pglite/` is then the data directory); build
 * folders left by a process that ended meanwhile (older than an hour) are removed.
 */
export function templateBuildDir(template: string): string {
  const root = path.dirname(template);
  fs.mkdirSync(root, { recursive: true });
  for (const name of fs.readdirSync(root)) {
    const p = path.join(root, name);
    try {
      if (name.startsWith('.building-') && Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* another process removed it */
    }
  }
  return fs.mkdtempSync(path.join(root, '.building-'));
}

/**
 * Makes `building` (a folder whose `pglite/` is a closed, freshly initialised and migrated data
 * directory) the template by renaming it into place, so a reader never sees half a template and two
 * builds at once do not clash (the loser's is removed by the caller). Older templates (other
 * migrations) are removed. Failures are not the server's: it goes on without a template.
 */
export function saveTemplate(template: string, building: string): boolean {
  try {
    fs.writeFileSync(path.join(building, 'READY'), `${new Date().toISOString()}\n`);
    fs.renameSync(building, template);
  } catch {
    return false;
  }
  const root = path.dirname(template);
  for (const name of fs.readdirSync(root)) {
    const p = path.join(root, name);
    if (p !== template && /^[0-9a-f]{16}$/.test(name)) fs.rmSync(p, { recursive: true, force: true });
  }
  return true;
}
