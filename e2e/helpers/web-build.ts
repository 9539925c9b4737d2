// Makes sure dist/web is a build of the current web sources, through scripts/ensure-web-build.mjs
// (the check `npm start` uses: builds when dist/web/index.html is missing or older than its sources).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_INDEX = path.join(ROOT, 'dist/web/index.html');

/**
 * Builds the web app unless the build is current; throws with Vite's output when the build fails.
 * The check runs under a lock shared by every test process (flock, where it exists): a second
 * process waits for the first build and then finds it current. Checking before the lock and building
 * after it would build twice, and the second build empties dist/web under a server another test
 * file has just started, which then serves the "not built" page for good.
 */
export function ensureWebBuilt(): void {
  const check = [process.execPath, path.join(ROOT, 'scripts/ensure-web-build.mjs')];
  const options = { cwd: ROOT, encoding: 'utf8' as const, env: { ...process.env, NODE_ENV: 'production' } };
  let result = spawnSync('flock', [path.join(os.tmpdir(), 'zhiliang-web-build.lock'), ...check], options);
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') result = spawnSync(check[0], check.slice(1), options);
  if (result.error || result.status !== 0 || !fs.existsSync(WEB_INDEX)) {
    throw new Error(
      `网页界面构建失败（npx vite build），浏览器测试无法进行：\n${result.error?.message ?? ''}\n${result.stdout ?? ''}\n${result.stderr ?? ''}`,
    );
  }
}
