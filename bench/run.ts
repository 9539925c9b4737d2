// `npm run bench`: every benchmark in turn, one at a time (the machines have two cores).
// Each script prints its table and writes its own bench/*.md section; BENCHMARKS.md collects them.
//   npm run bench                 # all
//   npm run bench -- parse http   # some, by name
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ALL: Record<string, string[]> = {
  parse: ['bench/parse.ts', '--write'],
  startup: ['bench/startup.ts'],
  http: ['bench/http.ts'],
  'plans-import': ['bench/plans-import.ts'],
  'plan-page': ['bench/plan-page.ts'],
};

const root = fileURLToPath(new URL('..', import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(ALL);
let failed = 0;
for (const name of names) {
  const args = ALL[name];
  if (!args) {
    console.error(`未知的基准：${name}（可选：${Object.keys(ALL).join('、')}）`);
    process.exit(2);
  }
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
