// Generator benchmark (issue 11): rows/s and peak RSS of generating a synthetic register, to show the
// generator streams (RSS flat in the row count) and is fast enough to feed the import benchmarks.
//
//   npx tsx bench/enterprises-generate.ts                 # 300 000 rows, 金华市 (county-level areas of a city)
//   BENCH_ROWS=3000000 BENCH_REGION=330000 npx tsx bench/enterprises-generate.ts
//   NODE_OPTIONS=--expose-gc npx tsx bench/enterprises-generate.ts   # adds live heap after a full GC
//                                                                     # at each checkpoint (retention check)
//
// Each row is consumed the way an import feeder would: serialised to a CSV-like line and dropped.
import os from 'node:os';
import { generateEnterprises } from '../src/enterprises/generate';
import { generatorAreas } from '../src/enterprises/generate-areas';

const rows = Number(process.env.BENCH_ROWS ?? 300_000);
const region = process.env.BENCH_REGION ?? '330700';
const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;

const areas = generatorAreas(region);
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
let bytes = 0;
const checkpoints: Array<{ rows: number; rssMiB: number; heapAfterGcMiB?: number }> = [];
const t0 = performance.now();
let i = 0;
for (const e of generateEnterprises({ count: rows, areas, seed: 2026 })) {
  const line = [e.creditCode, e.name, e.legalRepresentative, e.type, e.status, e.registeredOn, e.registeredCapital ?? '', e.address, e.industryDivision].join(',');
  bytes += line.length;
  i++;
  if ((i & 8191) === 0) {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
    if (i % Math.max(8192, Math.floor(rows / 8 / 8192) * 8192) === 0) {
      const point: { rows: number; rssMiB: number; heapAfterGcMiB?: number } = { rows: i, rssMiB: mib(rss) };
      if (global.gc) {
        global.gc();
        point.heapAfterGcMiB = mib(process.memoryUsage().heapUsed);
      }
      checkpoints.push(point);
    }
  }
}
const ms = performance.now() - t0;
peak = Math.max(peak, process.memoryUsage().rss);
console.log(
  JSON.stringify(
    {
      rows,
      region,
      areas: areas.length,
      seconds: Math.round(ms) / 1000,
      rowsPerSecond: Math.round(rows / (ms / 1000)),
      rssBeforeMiB: mib(rssBefore),
      peakRssMiB: mib(peak),
      checkpoints,
      chars: bytes,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`,
    },
    null,
    1,
  ),
);
