#!/usr/bin/env -S node --max-semi-space-size=4
// Entry point of the `zhiliang` command. Runs the server bundle dist/server/main.mjs, which
// scripts/build-server.mjs (esbuild) rebuilds here when it is missing or older than src/, so a
// start does not compile TypeScript. ZHILIANG_TSX=1 runs the sources through tsx instead (as
// before the bundle; also the fallback when bundling fails, with a warning).
// --max-semi-space-size=4 (also in `npm start`): V8's young generation of each thread capped at 3 × 4 MiB
// instead of 3 × 16 MiB; about 30 MiB less RSS for the server, measured (decision 045).
import { pathToFileURL } from 'node:url';

let bundle = null;
if (process.env.ZHILIANG_TSX !== '1') {
  try {
    const { ensureServerBuild } = await import('../scripts/build-server.mjs');
    bundle = await ensureServerBuild();
  } catch (e) {
    process.stderr.write(`警告：服务端打包失败，改为直接运行 TypeScript 源码（启动较慢）：${String(e?.message ?? e).split('\n')[0]}\n`);
  }
}
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
