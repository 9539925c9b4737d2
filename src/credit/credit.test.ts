// Credit on the database: the set-based reclassification of a register (class, reasons, history
// only on change), agreement with the pure rules, settings, list decisions and their deadlines, the
// daily check and the office's due list.
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { makeTenant } from '../org/testing';
import { classify, type CreditFacts } from './model';
import {
  addEvent,
  checkListDeadlines,
  decideListing,
  dueDeadlines,
  enterpriseCredit,
  openListing,
  readCreditSettings,
  reclassifyRegister,
  recordDomainEvent,
  runReclassification,
  withdrawDomainEvent,
  saveCreditSettings,
  creditTimelineSource,
} from './service';
import { selectFacts } from './store';
import { actorAs, insertRegister, setEnterprise } from './testing';

const TODAY = '2026-12-02';

forEachDb('credit', (getDb) => {
  let tenantId: number;
  let ids: number[];
  const office = () => actorAs(tenantId, 'office');

  beforeAll(async () => {
    const { db } = getDb();
    ({ tenantId } = await makeTenant(db));
    ids = await insertRegister(db, tenantId, 300);
    for (const id of ids) await setEnterprise(db, tenantId, id, { status: '存续', registeredOn: '2015-05-05' });
  });

  const classOf = async (id: number) => (await enterpriseCredit(getDb().db, office(), id, TODAY));
  const historyCount = async () => {
    const r = await getDb().db.execute(sql`select count(*)::int as n from credit_class_history where tenant_id = ${tenantId}`);
    return Number((r.rows[0] as { n: number }).n);
  };

  it('classifies the whole register; a second run changes and writes nothing', async () => {
    const { db } = getDb();
    const first = await reclassifyRegister(db, tenantId, TODAY, { batchSize: 70 });
    expect(first).toMatchObject({ enterprises: 300, changed: 300, written: 300, batches: 5 });
    expect((await classOf(ids[0])).class).toBe('A');
    const again = await reclassifyRegister(db, tenantId, TODAY);
    expect(again).toMatchObject({ enterprises: 300, changed: 0, written: 0 });
    expect(await historyCount()).toBe(300);
  });

  it('a heavy penalty makes the enterprise C with the reasons; a listing then makes it D; history only on change', async () => {
    const { db } = getDb();
    const e = ids[1];
    await addEvent(db, office(), e, { kind: 'penalty', occurredOn: '2026-11-10', decisionNo: '义市监处罚〔2026〕88号', heavy: true, publication: 'long', field: 'general' });
    let c = await classOf(e);
    expect(c.class).toBe('A'); // not until the register is reclassified …
    expect(c.current).toMatchObject({ class: 'C', points: 55 }); // … though the rules already say so
    const r = await reclassifyRegister(db, tenantId, TODAY);
    expect([r.changed, r.written]).toEqual([1, 1]);
    c = await classOf(e);
    expect([c.class, c.classLabel, c.points]).toEqual(['C', '信用风险较高', 55]);
    expect(c.firedRules).toEqual([
      { id: 'heavy_penalty', label: '受到较重行政处罚', points: 40 },
      { id: 'penalty', label: '受到行政处罚', points: 15 },
    ]);
    expect(c.events[0]).toMatchObject({ kind: 'penalty', publicationEndsOn: '2029-11-10', repairFrom: '2027-05-10', enteredByName: '测试office' });

    await openListing(db, office(), e, { list: 'abnormal', reason: 'unreachable', listedOn: '2026-11-20', decisionNo: '义市监异〔2026〕5号' });
    await reclassifyRegister(db, tenantId, TODAY);
    c = await classOf(e);
    expect(c.class).toBe('D');
    expect(c.firedRules.map((f) => f.label)).toContain('列入经营异常名录');
    expect(c.history.map((h) => [h.fromClass, h.toClass])).toEqual([
      ['C', 'D'],
      ['A', 'C'],
      [null, 'A'],
    ]);
    expect(c.events.map((x) => x.kind)).toEqual(['abnormal_listing', 'penalty']);
    // the quality file's timeline
    const tl = await creditTimelineSource(db, tenantId, e);
    expect(tl.map((t) => t.title)).toContain('列入经营异常名录（通过登记的住所或者经营场所无法联系）');
    expect(tl.map((t) => t.title)).toContain('信用风险分类由 C 类调整为 D 类');
  });

  it('the SQL of the whole-register job agrees with the pure rules for every enterprise', async () => {
    const { db } = getDb();
    // a spread of records over 40 enterprises
    for (let i = 0; i < 40; i++) {
      const e = ids[10 + i];
      const kinds = ['penalty', 'sampling_failed', 'complaint', 'annual_report_missing'] as const;
      for (let k = 0; k <= i % 4; k++) {
        await addEvent(db, office(), e, { kind: kinds[(i + k) % 4], occurredOn: i % 5 === 0 ? '2022-01-10' : '2026-06-01', heavy: i % 7 === 0 });
      }
      if (i % 6 === 0) await setEnterprise(db, tenantId, e, { status: '吊销' });
      if (i % 9 === 0) await setEnterprise(db, tenantId, e, { registeredOn: '2026-05-01' });
    }
    await reclassifyRegister(db, tenantId, TODAY, { batchSize: 17 });
    const { settings } = await readCreditSettings(db, tenantId);
    const seen = new Set<string>();
    for (const e of ids.slice(0, 60)) {
      const c = await classOf(e);
      const facts = (await selectFacts(db, tenantId, e, TODAY, settings.windows)) as CreditFacts;
      const js = classify(facts, settings);
      expect([c.class, c.points, c.firedRules], `enterprise ${e}`).toEqual([js.class, js.points, js.firedRules]);
      seen.add(js.class);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('the authority changes a weight and the cut-offs: the next run moves the classes and says why', async () => {
    const { db } = getDb();
    const admin = actorAs(tenantId, 'admin');
    const { settings, version } = await readCreditSettings(db, tenantId);
    const e = ids[2];
    await addEvent(db, office(), e, { kind: 'complaint', occurredOn: '2026-11-01' });
    await runReclassification(db, tenantId, TODAY, 'manual', '测试');
    expect((await classOf(e)).class).toBe('A');
    const next = { ...settings, rules: settings.rules.map((r) => (r.id === 'complaints' ? { ...r, threshold: 1, points: 12 } : r)) };
    const saved = await saveCreditSettings(db, admin, next, version);
    expect(saved.version).toBe(version + 1);
    await expect(saveCreditSettings(db, admin, next, version)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(saveCreditSettings(db, office(), next, saved.version)).rejects.toMatchObject({ status: 403 });
    await runReclassification(db, tenantId, TODAY, 'manual', '测试');
    const c = await classOf(e);
    expect([c.class, c.firedRules]).toEqual(['B', [{ id: 'complaints', label: '投诉较多（3件及以上）', points: 12 }]]);
    // put the defaults back for the other tests
    await saveCreditSettings(db, admin, settings, saved.version);
  });

  it('a problem found in a 双随机 result counts within its window, is named among the reasons, and stops counting when withdrawn', async () => {
    const { db } = getDb();
    const admin = actorAs(tenantId, 'admin');
    const e = ids[7];
    const ev = await recordDomainEvent(db, office(), e, { kind: 'inspection_problem', occurredOn: '2026-10-12', title: '双随机抽查：发现问题' });
    await runReclassification(db, tenantId, TODAY, 'manual', null);
    let c = await classOf(e);
    expect([c.class, c.points, c.firedRules]).toEqual(['B', 10, [{ id: 'inspection_problem', label: '双随机抽查发现问题', points: 10 }]]);
    // an older finding is outside the default 24-month window; the authority widens it
    await recordDomainEvent(db, office(), e, { kind: 'inspection_problem', occurredOn: '2024-06-01', title: '双随机抽查：发现问题' });
    await runReclassification(db, tenantId, TODAY, 'manual', null);
    expect((await classOf(e)).points).toBe(10);
    const { settings, version } = await readCreditSettings(db, tenantId);
    expect(settings.windows.inspectionMonths).toBe(24);
    const saved = await saveCreditSettings(db, admin, { ...settings, windows: { ...settings.windows, inspectionMonths: 36 } }, version);
    await runReclassification(db, tenantId, TODAY, 'manual', null);
    c = await classOf(e);
    expect(c.firedRules.map((f) => f.label)).toEqual(['双随机抽查发现问题', '多次双随机抽查发现问题（2次及以上）']);
    await saveCreditSettings(db, admin, settings, saved.version);
    // a correction finding no problem withdraws the event: it stops counting
    await withdrawDomainEvent(db, office(), ev.id, '2026-11-30');
    await runReclassification(db, tenantId, TODAY, 'manual', null);
    expect((await classOf(e)).class).toBe('A');
  });

  it('a rule set saved before a default rule existed gets the new rule', async () => {
    const { db } = getDb();
    const t = await makeTenant(db);
    const admin = actorAs(t.tenantId, 'admin');
    const { settings } = await readCreditSettings(db, t.tenantId);
    await saveCreditSettings(db, admin, { ...settings, rules: settings.rules.filter((r) => !r.id.startsWith('inspection_problem')) }, 0);
    const after = await readCreditSettings(db, t.tenantId);
    expect(after.settings.rules.filter((r) => r.fact === 'inspectionProblems').map((r) => r.label)).toEqual(['双随机抽查发现问题', '多次双随机抽查发现问题（2次及以上）']);
  });

  it('信用修复 of a penalty: refused before the minimum period, then the penalty stops counting', async () => {
    const { db } = getDb();
    const e = ids[3];
    const p = await addEvent(db, office(), e, { kind: 'penalty', occurredOn: '2026-01-05', publication: 'long', field: 'food' });
    expect(p.repairFrom).toBe('2027-01-05');
    await expect(addEvent(db, office(), e, { kind: 'credit_repair', occurredOn: '2026-11-30', repairsEventId: p.id })).rejects.toMatchObject({ message: expect.stringContaining('2027-01-05') });
    const p2 = await addEvent(db, office(), e, { kind: 'penalty', occurredOn: '2026-03-01', publication: 'long' });
    await runReclassification(db, tenantId, TODAY, 'manual', null);
    expect((await classOf(e)).class).toBe('B');
    await addEvent(db, office(), e, { kind: 'credit_repair', occurredOn: '2026-11-30', repairsEventId: p2.id });
    // p still counts
    await runReclassification(db, tenantId, TODAY, 'manual', null);
    expect((await classOf(e)).points).toBe(15);
    await expect(addEvent(db, actorAs(tenantId, 'inspector'), e, { kind: 'complaint', occurredOn: TODAY })).rejects.toMatchObject({ status: 403 });
  });

  it('list decisions follow the deadlines; the office sees what is due and overdue; the daily check removes expired listings', async () => {
    const { db } = getDb();
    const [a, b, c] = [ids[4], ids[5], ids[6]];
    // a: grounds on 2026-11-20 (annual report not filed), decision due 5 Dec → due soon on 2 Dec? (10 wd: 4 Dec)
    const ma = await openListing(db, office(), a, { list: 'abnormal', reason: 'annual_report', groundsOn: '2026-11-20' });
    expect([ma.state, ma.listingDueOn]).toEqual(['pending', '2026-12-04']);
    // b: listed, the cause cured on 2026-11-20: removal due 27 Nov → overdue
    const mb = await openListing(db, office(), b, { list: 'abnormal', reason: 'unreachable', listedOn: '2026-06-01' });
    const cured = await decideListing(db, office(), mb.id, { action: 'cure', on: '2026-11-20', note: '已恢复联系', version: mb.version });
    expect(cured.removalDueOn).toBe('2026-11-27');
    // c: on the serious list since 2023-11-01: publication ended 2026-11-01
    const mc = await openListing(db, office(), c, { list: 'serious', reason: '生产销售不合格产品，情节严重', listedOn: '2023-11-01' });
    expect(mc.publicationEndsOn).toBe('2026-11-01');

    const due = await dueDeadlines(db, office(), TODAY);
    const mine = due.items.filter((i) => [a, b, c].includes(i.enterpriseId)).map((i) => [i.enterpriseId, i.kindLabel, i.state, i.workingDaysLeft]);
    expect(mine).toEqual([
      [c, '公示期届满（移出名单）', 'overdue', -23], // Sun 1 Nov: the 21 working days of 2-30 Nov, then 1, 2 Dec
      [b, '作出移出决定', 'overdue', -3],
      [a, '作出列入决定', 'due_soon', 2],
    ]);
    await expect(dueDeadlines(db, actorAs(tenantId, 'inspector'), TODAY)).rejects.toMatchObject({ status: 403 });

    // the daily check: the serious listing ends by itself; a holiday entered moves a's deadline
    await db.execute(sql`insert into calendar_overrides (tenant_id, date, kind, name) values (${tenantId}, '2026-12-03', 'holiday', '测试假日')`);
    const r = await checkListDeadlines(db, tenantId, TODAY);
    expect(r.expired).toBe(1);
    expect(r.updated).toBeGreaterThanOrEqual(1);
    const after = await enterpriseCredit(db, office(), c, TODAY);
    expect(after.lists[0]).toMatchObject({ state: 'removed', removedOn: '2026-11-01', removalReason: '公示期届满，自动移出' });
    expect(after.events[0]).toMatchObject({ kind: 'serious_removal', enteredByName: '系统' });
    expect((await enterpriseCredit(db, office(), a, TODAY)).lists[0].listingDueOn).toBe('2026-12-07');

    // removal decided: the removal deadline goes away and the listing ends
    const removed = await decideListing(db, office(), mb.id, { action: 'remove', on: '2026-12-01', decisionNo: '义市监移〔2026〕3号', version: cured.version });
    expect([removed.state, removed.removalDueOn]).toEqual(['removed', null]);
    await expect(decideListing(db, office(), mb.id, { action: 'remove', on: '2026-12-02', version: removed.version })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(decideListing(db, actorAs(tenantId, 'inspector'), ma.id, { action: 'list', on: TODAY, version: ma.version })).rejects.toMatchObject({ status: 403 });
  });
});
