#!/usr/bin/env node
// Builds the web app into dist/web when it is missing or older than its sources.
// `npm start` and the browser tests call this, so a fresh clone needs no separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/web/index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

// Server modules whose values (not only types) the web bundles: the policy table, department kinds, …
const SHARED_SOURCES = ['src/org/auth/policy.ts', 'src/core/errors.ts', 'src/org/departments/model.ts', 'src/plans/assessment/model.ts', 'src/plans/settings/model.ts', 'src/credit/model.ts'];

const sources = Math.max(newest(join(root, 'web')), newest(join(root, 'vite.config.ts')), ...SHARED_SOURCES.map((f) => newest(join(root, f))));
if (existsSync(out) && statSync(out).mtimeMs >= sources && !process.argv.includes('--force')) process.exit(0);

console.error('正在构建前端页面（首次启动约需一分钟）…');
const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  console.error('错误：前端构建失败 (WEB_BUILD_FAILED)');
  process.exit(2);
}
