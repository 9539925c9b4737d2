#!/usr/bin/env node
// One-off, for branches started before the re-layout (issue 10, section 1); delete once they are merged.
// Rewrites relative imports that point at a module's old place to its new one, in every source file
// under src/ web/ bench/ e2e/ (or the files given). Run after `git merge main`, then `npx tsc --noEmit`.
//   node scripts/relayout-imports.mjs [files…]
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// old place → new place (folders and files, without extension), longest first
const MOVES = [
  ['src/server/actor', 'src/core/http/actor'],
  ['src/server/context', 'src/core/http/context'],
  ['src/server/errors', 'src/core/http/errors'],
  ['src/server/schemas', 'src/core/http/schemas'],
  ['src/server/session', 'src/core/http/session'],
  ['src/server/validation', 'src/core/http/validation'],
  ['src/core/db/schema', 'src/server/schema'],
  ['src/core/seed-data', 'src/org/seed-data'],
  ['src/core/seed', 'src/org/seed'],
  ['src/core/tenancy', 'src/org/tenancy'],
  ['src/core/auth', 'src/org/auth'],
  ['src/core/users', 'src/org/users'],
  ['src/core/audit', 'src/org/audit'],
  ['src/core/calendar', 'src/org/calendar'],
  ['src/plans/departments', 'src/org/departments'],
].map(([a, b]) => [path.join(root, a), path.join(root, b)]);

function walk(dir, out) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}
const exists = (p) => ['', '.ts', '.tsx', '.mjs', '/index.ts'].some((x) => fs.existsSync(p + x));

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => path.resolve(f)) : ['src', 'web', 'bench', 'e2e'].flatMap((d) => walk(path.join(root, d), []));
let changed = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const out = text.replace(/(from\s+|import\s*\(\s*|import\s+|declare\s+module\s+)(['"])(\.{1,2}\/[^'"]+)\2/g, (m, pre, q, spec) => {
    const target = path.resolve(path.dirname(file), spec);
    if (exists(target)) return m;
    for (const [from, to] of MOVES) {
      if (target === from || target.startsWith(from + '/')) {
        const moved = to + target.slice(from.length);
        if (!exists(moved)) return m;
        let rel = path.relative(path.dirname(file), moved);
        if (!rel.startsWith('.')) rel = './' + rel;
        return `${pre}${q}${rel}${q}`;
      }
    }
    return m;
  });
  if (out !== text) {
    fs.writeFileSync(file, out);
    changed++;
    console.log(path.relative(root, file));
  }
}
console.log(`${changed} files rewritten`);
