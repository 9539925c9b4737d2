// Shared set-up of the enterprise import and search benchmarks (issue 11): a private database (a
// database created on the PostgreSQL server and dropped afterwards, or a fresh embedded data dir),
// the demo authority in it, COPY text of generated rows, and the machine line.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execSync } from 'node:child_process';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../src/core/db/index';
import { prepareDatabase } from '../src/server/database';
import { seedDemo } from '../src/org/seed';
import { setAuditKey } from '../src/org/audit/chain';
import { createTenant } from '../src/org/tenancy/service';
import { selectTenantRegionTree } from '../src/enterprises/store';
import { regionPrefix, type EnterpriseInput } from '../src/enterprises/model';

setAuditKey(crypto.randomBytes(32));

export const ENTERPRISE_COPY_COLUMNS =
  'tenant_id, credit_code, name, legal_representative, category, type, status, registered_on, registered_capital, address, region_code, industry_section, industry_division, licences, product_tags';

const t = (v: string | null): string => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
const arr = (xs: readonly string[]) => `{${xs.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** One COPY text line of an enterprise row for `tenantId`. */
export function copyLine(tenantId: number, e: EnterpriseInput): string {
  return (
    [
      String(tenantId), t(e.creditCode), t(e.name), t(e.legalRepresentative), t(e.category), t(e.type), t(e.status), t(e.registeredOn),
      e.registeredCapital === null ? '\\N' : String(e.registeredCapital), t(e.address), t(e.regionCode), t(e.industrySection),
      t(e.industryDivision), t(JSON.stringify(e.licences)), t(arr(e.productTags)),
    ].join('\t') + '\n'
  );
}

export interface BenchDb {
  db: Db;
  kind: 'postgres' | 'embedded';
  tenantId: number;
  /** a county-level region of the authority (the generator's area) */
  region: string;
  /** a new tenant (kept database: the tenant of that name if it exists, `reused` true) */
  newTenant(key?: string): Promise<{ id: number; reused: boolean }>;
  close(): Promise<void>;
}

/**
 * `url` given: a new database `zl_entbench_<pid>` on that server (dropped by close); else embedded.
 * BENCH_KEEP_DB=<name> (PostgreSQL only): that database, created if missing and kept after the run, so
 * a loaded province can be searched again without loading it again (drop it by hand afterwards).
 */
export async function openBenchDb(url: string | undefined): Promise<BenchDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entbench-'));
  let dropUrl: (() => Promise<void>) | null = null;
  let dbUrl: string | undefined;
  const keep = url ? process.env.BENCH_KEEP_DB : undefined;
  if (keep && !/^zl_entbench_\w+$/.test(keep)) throw new Error('BENCH_KEEP_DB must start with zl_entbench_');
  if (url) {
    const name = keep ?? `zl_entbench_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    if (!exists) await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = '/' + name;
    dbUrl = u.toString();
    dropUrl = keep
      ? null
      : async () => {
          const a = new pg.Client({ connectionString: url });
          await a.connect();
          await a.query(`drop database if exists ${name} with (force)`);
          await a.end();
        };
  }
  // a bulk bench may wait for the embedded analyzer (vacuum of a multi-million-row table takes seconds)
  const h = await createDb(dbUrl ? { databaseUrl: dbUrl, dataDir: dir, poolSize: 4, dbWaitMs: 600_000 } : { dataDir: dir, dbWaitMs: 600_000 });
  try {
    await prepareDatabase(h.db);
    const s = await seedDemo(h.db);
    const tree = await selectTenantRegionTree(h.db, s.tenantId);
    const region = tree.regions.find((r) => r.code.length === 6 && tree.prefixes.includes(regionPrefix(r.code)))!.code;
    let k = 0;
    return {
      db: h.db,
      kind: url ? 'postgres' : 'embedded',
      tenantId: s.tenantId,
      region,
      async newTenant(key?: string) {
        if (keep && key) {
          const name = `基准测试-keep-${key}`;
          const found = (await h.db.execute(sql`select id from tenants where name = ${name}`)).rows as Array<{ id: number }>;
          if (found[0]) return { id: Number(found[0].id), reused: true };
          return { id: (await createTenant(h.db, { name, regionCode: region })).id, reused: false };
        }
        const t2 = await createTenant(h.db, { name: `基准测试-${process.pid}-${++k}`, regionCode: region });
        return { id: t2.id, reused: false };
      },
      async close() {
        await h.close();
        if (dropUrl) await dropUrl();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await h.close();
    if (dropUrl) await dropUrl();
    throw e;
  }
}

export function machine(): string {
  const c = os.cpus();
  return `${c.length} × ${c[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

/** `uptime`'s load averages now (the machine is shared). */
export function load(): string {
  try {
    return execSync('uptime').toString().trim().replace(/^.*load average:\s*/, 'load ');
  } catch {
    return `load ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
}

export const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;
