// How the tasks + departments stages grow with the input (issue 9: they were super-linear).
// The seeds repeated to 1, 2 and 4 MB; three runs each, the last two after warm-up. Linear means the
// 4 MB time is about four times the 1 MB time.
//
//   npx tsx bench/tasks-scaling.ts          (run it under the shared lock: flock /tmp/zl-heavy.lock …)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDocument } from '../src/ingest/index';
import { extractOutline } from '../src/ingest/outline';
import { extractTasks } from '../src/ingest/tasks';
import { collectDepartments } from '../src/ingest/departments';

const SEEDS = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));
const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(SEEDS, f), 'utf8'));
for (const mb of [1, 2, 4]) {
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < mb * 1e6; k++) {
    parts.push(seeds[k % seeds.length]);
    size += Buffer.byteLength(seeds[k % seeds.length]) + 1;
  }
  const text = (await readDocument(new Uint8Array(Buffer.from(parts.join('\n'))), 'big.txt')).text;
  const outline = extractOutline(text);
  const runs: string[] = [];
  for (let r = 0; r < 3; r++) {
    const s = performance.now();
    const tasks = extractTasks(text, outline);
    const m = performance.now();
    collectDepartments(tasks, text);
    runs.push(`tasks ${(m - s).toFixed(0)} ms + departments ${(performance.now() - m).toFixed(0)} ms`);
  }
  console.log(`${(size / 1e6).toFixed(2)} MB: ${runs.join(' | ')}`);
}
