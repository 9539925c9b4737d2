// The 企业 list's credit filters on the database: risk class and list membership (经营异常名录 /
// 严重违法失信名单, only while the enterprise is on the list), combined with the directory's own
// filters, in the page, the count and the Excel export's rows.
import { beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { makeTenant } from '../org/testing';
import { searchEnterprises } from '../enterprises/service';
import { eachEnterprise, isStatementTimeout } from '../enterprises/store';
import { sql } from 'drizzle-orm';
import { addEvent, decideListing, openListing, reclassifyRegister } from './service';
import { actorAs, insertRegister, setEnterprise } from './testing';

const TODAY = '2026-12-02';

forEachDb('credit filters of the enterprise list', (getDb) => {
  let tenantId: number;
  let other: number;
  let ids: number[];
  const office = () => actorAs(tenantId, 'office');
  const found = async (f: Parameters<typeof searchEnterprises>[2]) => {
    const page = await searchEnterprises(getDb().db, office(), { pageSize: 100, ...f });
    return { ids: page.items.map((e) => e.id).sort((a, b) => a - b), total: page.total };
  };

  beforeAll(async () => {
    const { db } = getDb();
    ({ tenantId } = await makeTenant(db));
    ids = await insertRegister(db, tenantId, 60);
    for (const id of ids) await setEnterprise(db, tenantId, id, { status: '存续', registeredOn: '2015-05-05' });
    // ids[0]: heavy penalty → C; ids[1]: heavy penalty and 经营异常 → D; ids[2]: 严重违法失信 → D
    await addEvent(db, office(), ids[0]!, { kind: 'penalty', occurredOn: '2026-11-10', heavy: true, publication: 'long', field: 'general' });
    await addEvent(db, office(), ids[1]!, { kind: 'penalty', occurredOn: '2026-11-10', heavy: true, publication: 'long', field: 'general' });
    await openListing(db, office(), ids[1]!, { list: 'abnormal', reason: 'unreachable', listedOn: '2026-11-20' });
    await openListing(db, office(), ids[2]!, { list: 'serious', reason: '生产销售不合格产品，情节严重', listedOn: '2026-10-01' });
    // ids[3]: grounds noted, listing not yet decided (pending): not on the list
    await openListing(db, office(), ids[3]!, { list: 'abnormal', reason: 'annual_report', groundsOn: '2026-11-25' });
    // ids[4]: listed, then removed: no longer on the list
    const m = await openListing(db, office(), ids[4]!, { list: 'abnormal', reason: 'unreachable', listedOn: '2026-05-01' });
    const cured = await decideListing(db, office(), m.id, { action: 'cure', on: '2026-06-01', note: '已恢复联系', version: m.version });
    await decideListing(db, office(), m.id, { action: 'remove', on: '2026-06-03', decisionNo: '义市监移〔2026〕1号', version: cured.version });
    await reclassifyRegister(db, tenantId, TODAY);
    // another authority with its own D enterprise: never in this one's answers
    ({ tenantId: other } = await makeTenant(db));
    const [o] = await insertRegister(db, other, 1, { seed: 99 });
    await openListing(db, actorAs(other, 'office'), o!, { list: 'serious', reason: '情节严重', listedOn: '2026-10-01' });
    await reclassifyRegister(db, other, TODAY);
  });

  it('risk class: exactly the enterprises of that class, with the count', async () => {
    const d = await found({ riskClass: 'D' });
    expect(d).toEqual({ ids: [ids[1], ids[2]].sort((a, b) => a! - b!), total: 2 });
    expect((await found({ riskClass: 'C' })).ids).toEqual([ids[0]]);
    const a = await found({ riskClass: 'A' });
    expect(a.ids).not.toContain(ids[0]);
    expect(a.ids).not.toContain(ids[1]);
    expect(a.total + 3).toBeLessThanOrEqual(60);
  });

  it('list membership: only enterprises on the list now (not pending, not removed)', async () => {
    expect((await found({ list: 'abnormal' })).ids).toEqual([ids[1]]);
    expect((await found({ list: 'serious' })).ids).toEqual([ids[2]]);
  });

  it('combines with the directory filters and the name search', async () => {
    const { db } = getDb();
    const e1 = (await searchEnterprises(db, office(), { riskClass: 'D', list: 'abnormal' })).items;
    expect(e1.map((e) => e.id)).toEqual([ids[1]]);
    expect((await found({ riskClass: 'D', status: '吊销' })).ids).toEqual([]);
    const name = e1[0]!.name;
    expect((await found({ list: 'abnormal', q: name.slice(1, 4) })).ids).toEqual([ids[1]]);
    expect((await found({ list: 'serious', q: name.slice(1, 4) })).ids).toEqual([]);
  });

  it('the Excel export takes the same rows', async () => {
    const rows = [];
    for await (const e of eachEnterprise(getDb().db, tenantId, { riskClass: 'D', limit: 0, offset: 0 }, 100)) rows.push(e.id);
    expect(rows.sort((a, b) => a - b)).toEqual([ids[1], ids[2]].sort((a, b) => a! - b!));
  });
});

forEachDb('the list count under its time budget', (getDb) => {
  it('a count stopped by the budget is recognised (the list then shows the estimate, flagged), as the driver raises it', async () => {
    const { db } = getDb();
    let caught: unknown = null;
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw('set local statement_timeout = 20'));
        await tx.execute(sql`select pg_sleep(0.5)`);
      });
    } catch (e) {
      caught = e;
    }
    // PostgreSQL stops it; the embedded database may not stop statements on a timer (then it counts to the cap)
    if (getDb().tier === 'postgres') expect(caught).not.toBeNull();
    if (caught) expect(isStatementTimeout(caught)).toBe(true);
    expect(isStatementTimeout(new Error('other'))).toBe(false);
  });
});
