// A data directory as `zhiliang serve` leaves it after its first start (migrated, demo authority
// seeded, the seed plans imported), for tests and benchmarks that start a real server: the first call
// builds a template under the OS temp dir with startServer itself, later calls copy it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../core/config';
import { freshEmbeddedDataDir, templateKey } from '../core/db/testing';
import { DEMO_SEEDS_DIR } from '../plans/import';

function seededKey(): string {
  const h = crypto.createHash('sha256').update(templateKey());
  for (const f of ['src/org/seed.ts', 'src/server/demo.ts', 'src/plans/import.ts']) {
    try {
      h.update(fs.readFileSync(path.join(process.cwd(), f)));
    } catch {
      /* not in a checkout: migrations only */
    }
  }
  try {
    for (const f of fs.readdirSync(DEMO_SEEDS_DIR).sort()) h.update(f).update(String(fs.statSync(path.join(DEMO_SEEDS_DIR, f)).size));
  } catch {
    /* no seeds */
  }
  return h.digest('hex').slice(0, 16);
}

/** A fresh copy of a started-once data directory (no lock file in it). */
export async function seededEmbeddedDataDir(): Promise<string> {
  const template = path.join(os.tmpdir(), `zhiliang-seeded-template-${seededKey()}`);
  if (!fs.existsSync(path.join(template, 'READY'))) {
    const building = await freshEmbeddedDataDir();
    const { startServer } = await import('./start');
    const server = await startServer(loadConfig({ ZHILIANG_DATA_DIR: building, PORT: '0', LOG_LEVEL: 'silent' }), { print: () => {}, webDir: '/nonexistent-web-dir' });
    await server.demoLoaded; // the demo's content is loaded after the server answers (decision 045)
    await server.close();
    fs.writeFileSync(path.join(building, 'READY'), new Date().toISOString());
    try {
      fs.renameSync(building, template);
    } catch {
      fs.rmSync(building, { recursive: true, force: true }); // another process won the race: use theirs
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhiliang-test-'));
  fs.cpSync(path.join(template, 'pglite'), path.join(dir, 'pglite'), { recursive: true });
  return dir;
}
