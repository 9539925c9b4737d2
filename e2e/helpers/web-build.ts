// Makes sure dist/web is a build of the current web sources: builds it (npx vite build) when
// dist/web/index.html is missing or older than anything under web/ or vite.config.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_INDEX = path.join(ROOT, 'dist/web/index.html');

/** Modules under src/ that the web imports values from (the policy table, department kinds). */
const SHARED_SOURCES = ['src/org/auth/policy.ts', 'src/core/errors.ts', 'src/org/departments/model.ts', 'src/plans/assessment/model.ts', 'src/plans/settings/model.ts', 'src/credit/model.ts'];

/** Newest modification time of the files the web build is made from. */
function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  visit(path.join(ROOT, 'web'));
  visit(path.join(ROOT, 'vite.config.ts'));
  // Server modules whose values (not only types) the web bundles.
  for (const shared of SHARED_SOURCES) visit(path.join(ROOT, shared));
  return newest;
}

export function webBuildIsCurrent(): boolean {
  if (!fs.existsSync(WEB_INDEX)) return false;
  return fs.statSync(WEB_INDEX).mtimeMs >= newestSource();
}

/** Builds the web app unless the build is current; throws with Vite's output when the build fails. */
export function ensureWebBuilt(): void {
  if (webBuildIsCurrent()) return;
  const build = [process.execPath, path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'];
  const options = { cwd: ROOT, encoding: 'utf8' as const, env: { ...process.env, NODE_ENV: 'production' } };
  // Serialised across processes where flock exists: two builds writing dist/web at once would leave a mix.
  let result = spawnSync('flock', [path.join(os.tmpdir(), 'zhiliang-web-build.lock'), ...build], options);
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') result = spawnSync(build[0], build.slice(1), options);
  if (result.error || result.status !== 0 || !fs.existsSync(WEB_INDEX)) {
    throw new Error(
      `网页界面构建失败（npx vite build），浏览器测试无法进行：\n${result.error?.message ?? ''}\n${result.stdout ?? ''}\n${result.stderr ?? ''}`,
    );
  }
}
