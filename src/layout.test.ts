// The layout of src/ (docs/architecture.md): arrows go down only.
//   src/core/    infrastructure: imports nothing else of src/ (its tests neither)
//   src/org/     the organisation: imports core only
//   domains      (everything but src/server and src/cli) never import src/server or src/cli;
//                test code (*.test.ts, testing.ts, fixtures) may use the assembled app of
//                src/server/testing.ts to test its routes over HTTP
// Reads every .ts file under src/ and checks each relative import (static, dynamic, re-export,
// `declare module`), naming the file and the import that breaks a rule.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Module specifiers a file names: `from '…'`, `import '…'`, `import('…')`, `declare module '…'`. */
export function specifiersOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bdeclare\s+module\s+['"]([^'"]+)['"]/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  return found;
}

/** The top folder under src/ a path lies in ('core', 'org', 'plans', …), or '' for src/ itself. */
function roomOf(absPath: string): string {
  const rel = path.relative(SRC, absPath);
  if (rel.startsWith('..')) return '..';
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : '';
}

function isTestCode(file: string): boolean {
  const name = path.basename(file);
  return /\.test\.tsx?$/.test(name) || name === 'testing.ts' || name === 'test-setup.ts' || /fixture/.test(name);
}

export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

/** The rules above, for one file's text. `file` is an absolute path under src/. */
export function violationsOf(file: string, text: string): Violation[] {
  const from = roomOf(file);
  const out: Violation[] = [];
  for (const specifier of specifiersOf(text)) {
    if (!specifier.startsWith('.')) continue; // packages and node: builtins
    const to = roomOf(path.resolve(path.dirname(file), specifier));
    const rel = path.relative(SRC, file);
    if (from === 'core' && to !== 'core') {
      out.push({ file: rel, specifier, rule: 'src/core 只能引用 src/core 内的模块' });
    } else if (from === 'org' && to !== 'org' && to !== 'core') {
      out.push({ file: rel, specifier, rule: 'src/org 只能引用 src/core' });
    } else if (from !== 'server' && from !== 'cli' && from !== '' && (to === 'server' || to === 'cli') && !isTestCode(file)) {
      out.push({ file: rel, specifier, rule: '业务模块不能引用 src/server 或 src/cli' });
    }
  }
  return out;
}

describe('layout of src/', () => {
  it('core imports only core, org only core, and no domain imports server or cli', () => {
    const violations = sourceFiles(SRC).flatMap((f) => violationsOf(f, fs.readFileSync(f, 'utf8')));
    const report = violations.map((v) => `${v.file}: import '${v.specifier}' (${v.rule})`).join('\n');
    expect(report).toBe('');
  });

  it('names the file and the import that break a rule', () => {
    const at = (rel: string) => path.join(SRC, rel);
    expect(violationsOf(at('core/db/migrate.ts'), "import { regions } from '../../org/tenancy/tables';")).toEqual([
      { file: 'core/db/migrate.ts', specifier: '../../org/tenancy/tables', rule: 'src/core 只能引用 src/core 内的模块' },
    ]);
    expect(violationsOf(at('core/http/actor.ts'), "const m = await import('../../server/app');")).toHaveLength(1);
    expect(violationsOf(at('org/auth/service.ts'), "export * from '../../plans/tables';")).toHaveLength(1);
    expect(violationsOf(at('org/auth/service.ts'), "declare module '../../core/http/session' {}")).toEqual([]);
    expect(violationsOf(at('plans/routes.ts'), "import type { ApiContext } from '../server/context';")).toHaveLength(1);
    expect(violationsOf(at('plans/routes.ts'), "import { run } from '../cli/main';")).toHaveLength(1);
    expect(violationsOf(at('plans/routes.test.ts'), "import { fakeSessionApp } from '../server/testing';")).toEqual([]);
    expect(violationsOf(at('plans/routes.ts'), "import { assertCan } from '../org/auth/policy';")).toEqual([]);
    expect(violationsOf(at('server/app.ts'), "import { planRoutes } from '../plans/routes';")).toEqual([]);
  });
});
