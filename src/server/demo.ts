// The demo authority's content beyond its accounts: the five seed plans, a generated county register,
// a completed 双随机 campaign and a 监督抽查 year. A server's first start creates the tenant and its
// accounts before it answers (sign-in needs them) and loads this content right after, while the
// pages already answer: about half of a fresh start's time (decision 045). Meanwhile
// `/api/demo/status` says so, and the web app shows 示范数据载入中 instead of the 驾驶舱's figures.
// Progress is marked in the audit log (DEMO_LOAD_START / DEMO_LOAD_FINISH, src/org/seed.ts): a server
// stopped while loading loads what is missing at its next start (each step is idempotent).
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../core/config';
import type { Db } from '../core/db/index';
import { auditLog } from '../org/audit/tables';
import { writeAudit } from '../org/audit/service';
import { systemActor } from '../org/auth/model';
import { DEMO_LOAD_FINISH, DEMO_LOAD_START, type SeedResult } from '../org/seed';

/** What a start left to load for the demo tenant; nothing at all on most starts. */
export interface DemoWork {
  tenantId: number;
  /** the seed plans not imported yet (by file hash: a start that finds them all parses nothing) */
  plans: boolean;
  /** the register, the 双随机 and the 监督抽查 demos (and the finish mark) */
  content: boolean;
}

/**
 * Decides what is left, cheaply (two indexed queries), before the server answers. `content` when this
 * start created the tenant, or (embedded: one process per data directory, so no two loaders race) when
 * an earlier start marked the load started and not finished.
 */
export async function demoWork(db: Db, seeded: SeedResult, embedded: boolean): Promise<DemoWork | undefined> {
  const { pendingDemoPlans } = await import('../plans/import');
  const plans = (await pendingDemoPlans(db, seeded.tenantId)).length > 0;
  let content = seeded.created;
  if (!content && embedded) {
    const marks = await db
      .selectDistinct({ action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, seeded.tenantId),
          eq(auditLog.entityType, 'tenant'),
          eq(auditLog.entityId, String(seeded.tenantId)),
          inArray(auditLog.action, [DEMO_LOAD_START, DEMO_LOAD_FINISH]),
        ),
      );
    const done = new Set(marks.map((m) => m.action));
    content = done.has(DEMO_LOAD_START) && !done.has(DEMO_LOAD_FINISH);
  }
  return plans || content ? { tenantId: seeded.tenantId, plans, content } : undefined;
}

/**
 * Loads it. `stopped()` is asked between steps (the server is closing: the rest waits for the next
 * start). Each step finds what an interrupted earlier run wrote: the plans by their hashes, the register
 * by its seed (the same rows merge into nothing new), the 双随机 and 监督抽查 demos by their own rows.
 */
export async function loadDemo(db: Db, work: DemoWork, config: Config, print: (line: string) => void, stopped: () => boolean): Promise<void> {
  const { tenantId } = work;
  if (work.plans) {
    // parsed in a child process that exits afterwards, so the dictionaries and the topic model
    // never stay in this process (a worker thread left about 40 MiB of them behind)
    const { importDemoPlans } = await import('../plans/import');
    const { ChildParser } = await import('../ingest/child-parser');
    const parser = new ChildParser();
    try {
      await importDemoPlans(db, tenantId, { log: print, parse: (bytes, fileName) => parser.parse(bytes, fileName) });
    } finally {
      await parser.close();
    }
  }
  if (!work.content || stopped()) return;
  if (config.demoEnterprises > 0) {
    // a generated register for the demo authority (2 000 rows by default; `zhiliang demo enterprises
    // --count N` writes a county-sized one)
    const { generateRegister } = await import('../enterprises/service');
    const r = await generateRegister(db, systemActor(tenantId, '系统（示范数据）'), { count: config.demoEnterprises });
    print(`  已生成示范企业名录 ${r.imported} 户（zhiliang demo enterprises --count N 可生成更多）`);
  }
  if (stopped()) return;
  // after the register: the 双随机 demo draws from it (it generates its own only when the directory is empty)
  await (await import('../inspections/demo')).seedInspectionsDemo(db, tenantId);
  if (stopped()) return;
  // a small sampling year (监督抽查) over the same register: a few multi-row inserts
  await (await import('../sampling/demo')).seedSamplingDemo(db, tenantId);
  if (stopped()) return;
  await writeAudit(db, { actor: systemActor(tenantId, '系统（示范数据）'), action: DEMO_LOAD_FINISH, entityType: 'tenant', entityId: tenantId });
}
