// Import benchmark (issue 11, Numbers): a generated register written as the registration system's
// CSV, imported through the real path (importRegisterFile: read + check each row, stage by COPY on
// PostgreSQL / INSERT…unnest on embedded, one merge transaction), against a bare bulk load of the SAME
// rows into the SAME table (enterprises, another tenant of the same database) in the same run:
// PostgreSQL COPY from a prepared COPY-text file; embedded INSERT…SELECT FROM unnest(arrays) in
// batches of 5 000 from rows already in memory (COPY FROM STDIN does not pass pglite-socket).
// The bare load runs first, so the import writes into the larger table (the ratio is not flattered).
// Peak RSS: process.memoryUsage().rss sampled every 20 ms during the import.
//
//   flock /tmp/zl-heavy.lock npx tsx bench/enterprises-import.ts 20000 postgres://postgres@127.0.0.1:5432/test
//   flock /tmp/zl-heavy.lock npx tsx bench/enterprises-import.ts 20000            (embedded)
// The PostgreSQL run creates its own database zl_entbench_<pid> and drops it at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { generateEnterprises } from '../src/enterprises/generate';
import { generatorAreas } from '../src/enterprises/generate-areas';
import { importRegisterFile, syntheticToInput } from '../src/enterprises/service';
import { writeRegisterCsv } from '../src/enterprises/register-file';
import { systemActor } from '../src/org/auth/model';
import type { EnterpriseInput } from '../src/enterprises/model';
import { copyLine, ENTERPRISE_COPY_COLUMNS, load, machine, mib, openBenchDb } from './enterprises-common';

const n = Number(process.argv[2] ?? 20000);
const url = process.argv[3];
const b = await openBenchDb(url);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entimp-'));
try {
  const areas = generatorAreas(b.region);
  const rows = () => (function* () {
    for (const e of generateEnterprises({ count: n, areas, seed: 11 })) yield syntheticToInput(e);
  })();
  const csv = path.join(tmp, 'register.csv');
  await writeRegisterCsv(csv, rows());
  const other = (await b.newTenant()).id;
  const loadBefore = load();

  // 1. the bare load
  let bareMs: number;
  if (b.kind === 'postgres') {
    const copyFile = path.join(tmp, 'register.copy');
    const out = fs.createWriteStream(copyFile);
    let buf = '';
    for (const e of rows()) {
      buf += copyLine(other, e);
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
        buf = '';
      }
    }
    out.end(buf);
    await new Promise<void>((r) => out.once('finish', () => r()));
    const client = await b.db.$client.connect();
    const t0 = performance.now();
    await pipeline(fs.createReadStream(copyFile), client.query(copyFrom(`copy enterprises (${ENTERPRISE_COPY_COLUMNS}) from stdin`)));
    bareMs = performance.now() - t0;
    client.release();
    fs.rmSync(copyFile);
  } else {
    const all: EnterpriseInput[] = [...rows()];
    const t0 = performance.now();
    for (let i = 0; i < all.length; i += 5000) {
      const rs = all.slice(i, i + 5000);
      const col = <T>(f: (r: EnterpriseInput) => T) => sql.param(rs.map(f));
      await b.db.execute(sql`insert into enterprises (${sql.raw(ENTERPRISE_COPY_COLUMNS)})
        select ${other}, x.credit_code, x.name, x.legal_representative, x.category, x.type, x.status, x.registered_on::date, x.registered_capital::numeric,
               x.address, x.region_code, x.industry_section, x.industry_division, x.licences::jsonb, x.product_tags::text[]
          from unnest(${col((r) => r.creditCode)}::text[], ${col((r) => r.name)}::text[], ${col((r) => r.legalRepresentative)}::text[],
                      ${col((r) => r.category)}::text[], ${col((r) => r.type)}::text[], ${col((r) => r.status)}::text[], ${col((r) => r.registeredOn)}::text[],
                      ${col((r) => (r.registeredCapital === null ? null : String(r.registeredCapital)))}::text[], ${col((r) => r.address)}::text[],
                      ${col((r) => r.regionCode)}::text[], ${col((r) => r.industrySection)}::text[], ${col((r) => r.industryDivision)}::text[],
                      ${col((r) => JSON.stringify(r.licences))}::text[],
                      ${col((r) => `{${r.productTags.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`)}::text[])
            as x(credit_code, name, legal_representative, category, type, status, registered_on, registered_capital, address, region_code,
                 industry_section, industry_division, licences, product_tags)`);
    }
    bareMs = performance.now() - t0;
  }
  const [{ c }] = (await b.db.execute(sql`select count(*)::int as c from enterprises where tenant_id = ${other}`)).rows as Array<{ c: number }>;
  if (c !== n) throw new Error(`bare load wrote ${c} rows, not ${n}`);

  // 2. the import, RSS sampled
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const samples: number[] = [];
  const timer = setInterval(() => {
    const r = process.memoryUsage().rss;
    samples.push(r);
    if (r > peak) peak = r;
  }, 20);
  // with NODE_OPTIONS=--expose-gc: a full GC every 2 s and the heap that survives it (what the import
  // really holds, as against garbage V8 lets sit while there is room), first and last checkpoints kept
  const live: number[] = [];
  const gcTimer = global.gc
    ? setInterval(() => {
        global.gc!();
        live.push(process.memoryUsage().heapUsed);
      }, 2000)
    : null;
  const t0 = performance.now();
  // as the CLI does: the file is on disk and streamed, so no upload limit (a province register is ~580 MiB)
  const res = await importRegisterFile(b.db, systemActor(b.tenantId), csv, 'register.csv', { maxBytes: Number.POSITIVE_INFINITY });
  const importMs = performance.now() - t0;
  clearInterval(timer);
  if (gcTimer) clearInterval(gcTimer);
  if (res.imported !== n) throw new Error(`import wrote ${res.imported} rows, not ${n} (refused ${res.refusedCount}: ${JSON.stringify(res.refused.slice(0, 3))})`);
  const q = (p: number) => mib([...samples].sort((x, y) => x - y)[Math.floor((samples.length - 1) * p)] ?? 0);
  console.log(
    JSON.stringify({
      database: b.kind,
      rows: n,
      csvMiB: mib(fs.statSync(csv).size),
      bareMs: Math.round(bareMs),
      bareRowsPerSecond: Math.round(n / (bareMs / 1000)),
      importMs: Math.round(importMs),
      importRowsPerSecond: Math.round(n / (importMs / 1000)),
      ratio: Math.round((bareMs / importMs) * 100) / 100,
      rssBeforeMiB: mib(rssBefore),
      rssPeakMiB: mib(peak),
      rssMedianMiB: q(0.5),
      samples: samples.length,
      liveHeapMiB: live.length ? { first: mib(live[0]!), max: mib(Math.max(...live)), last: mib(live[live.length - 1]!), checkpoints: live.length } : null,
      loadBefore,
      loadAfter: load(),
      machine: machine(),
    }),
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
  await b.close();
}
