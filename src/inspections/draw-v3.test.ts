// Draw version 3 in the database (decision 051), on PostgreSQL and the embedded database: the frame's
// pass keeps the candidates under salts the database agrees with lookup3.ts on; the draw made by SQL
// from the candidates (and, for a class with no more than it draws, from its whole list) is reproduced exactly from
// the public file, positions included; the objects' key to their campaign holds without a per-row check.
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import type { Actor } from '../org/auth/model';
import { makeTenant } from '../org/testing';
import { candidateSalt, type DrawFile, frameHash, objectSaltV3, verifyDrawFile } from './draw';
import { pgHashTextExtended } from './lookup3';
import * as svc from './service';
import * as store from './store';
import { insertEnterprises } from './testing';

forEachDb('inspections draw v3', (getDb) => {
  let tenantId: number;
  let office: Actor;
  let itemId: number;
  let operating: string[];
  const now = new Date('2026-12-04T02:00:00Z');

  beforeAll(async () => {
    const { db } = getDb();
    tenantId = (await makeTenant(db)).tenantId;
    await insertEnterprises(db, tenantId, 3000, { seed: 13 });
    operating = (await db.execute<{ credit_code: string }>(sql`SELECT credit_code FROM enterprises WHERE tenant_id = ${tenantId} AND status IN ('存续', '在业') ORDER BY id`)).rows.map((r) => r.credit_code);
    office = { tenantId, userId: null, username: 'office', displayName: '办公室', role: 'office', departmentId: null };
    itemId = (await svc.createItem(db, office, { code: 'V3-1', name: '第三版抽取', legalBasis: '依据', department: '区市场监管局', content: '', method: '实地核查', scope: {}, classRules: { B: { ratio: 0.2, perYear: 1 } }, active: true })).id;
    for (let i = 0; i < 4; i++) {
      const conflicts = i === 0 ? operating.slice(0, 300).map((creditCode) => ({ creditCode, reason: '亲属任职' })) : [];
      await svc.createInspector(db, office, { userId: null, name: `检查员${i}`, department: '区市场监管局', certificateNo: `V3-${i}`, qualifiedItemIds: [itemId], conflicts, active: true });
    }
  });

  it('keeps as candidates exactly the codes whose key under the published bound the verifier computes, with their enterprise', async () => {
    const { db } = getDb();
    const c = await svc.createCampaign(db, office, { name: '第三版·候选', year: 2026, itemIds: [itemId], departments: [], regionPrefix: null });
    const framed = await svc.fixFrame(db, office, c.id, now);
    const s = framed.frame!.strata[0]!;
    expect(framed.frame!.version).toBe(3);
    expect(s.candidateBound).toMatch(/^-?\d+$/);
    const seed = (await store.selectCampaign(db, tenantId, c.id))!.seed!;
    const bound = BigInt(s.candidateBound!);
    const want = operating.filter((code) => pgHashTextExtended(code, candidateSalt(seed, s.key)) < bound).sort();
    const r = await db.execute<{ code: string; id: string; name: string; eid: string; ename: string }>(sql`
      SELECT u.code, u.eid::text AS eid, u.ename, e.id::text AS id, e.name
      FROM inspection_frame_lists l CROSS JOIN LATERAL unnest(l.cand_codes, l.cand_ids, l.cand_names) AS u(code, eid, ename)
      JOIN enterprises e ON e.tenant_id = l.tenant_id AND e.credit_code = u.code
      WHERE l.tenant_id = ${tenantId} AND l.campaign_id = ${c.id}`);
    expect(r.rows.map((x) => x.code).sort()).toEqual(want);
    // about 1.15 × 0.2 + 0.002 of the class: more than it draws
    expect(want.length).toBeGreaterThan(s.take);
    for (const x of r.rows) expect([x.eid, x.ename]).toEqual([x.id, x.name]);
    // the salts are the decision's: the database's hash under them equals lookup3.ts
    for (const salt of [candidateSalt(seed, 'A'), objectSaltV3(seed, frameHash(framed.frame!), '未分类')]) {
      expect(await store.selectHashText(db, operating[0]!, salt)).toBe(pgHashTextExtended(operating[0]!, salt));
    }
  });

  it('draws in SQL what the public file recomputes: enterprises, positions, inspectors and recusals', async () => {
    const { db } = getDb();
    const c = await svc.createCampaign(db, office, { name: '第三版', year: 2026, itemIds: [itemId], departments: [], regionPrefix: null });
    const framed = await svc.fixFrame(db, office, c.id, now);
    const n = framed.frame!.strata[0]!.size;
    expect(n).toBe(operating.length);
    const drawn = await svc.drawCampaign(db, office, c.id, now);
    expect(drawn.objectCount).toBe(Math.ceil(n * 0.2));
    const file = (await svc.drawFileOf(db, tenantId, c.id)) as DrawFile;
    expect(file.version).toBe(3);
    expect(await verifyDrawFile(file)).toMatchObject({ ok: true, objects: drawn.objectCount });
    const list = file.objects['未分类']!.split('\n');
    for (const o of file.result.objects) expect(list[o.position]).toBe(o.creditCode);
    const conflicted = new Set(operating.slice(0, 300));
    const hit = file.result.objects.filter((o) => conflicted.has(o.creditCode));
    expect(hit.length).toBeGreaterThan(10);
    expect(file.result.recusals.length).toBeGreaterThan(0);
    expect(file.result.recusals.length).toBeLessThanOrEqual(hit.length);
    const first = (await store.selectInspectors(db, tenantId)).find((i) => i.certificateNo === 'V3-0')!.id;
    for (const r of file.result.recusals) expect(r.inspectorId).toBe(first);
    for (const o of hit) expect(o.inspectors).not.toContain(first);
    // the rows the campaign page reads: same inspectors as the file, the enterprise's id and name
    const rows = await store.selectObjects(db, tenantId, c.id);
    expect(rows.map((o) => [o.creditCode, o.inspectorIds])).toEqual(file.result.objects.map((o) => [o.creditCode, o.inspectors]));
    const names = await db.execute<{ credit_code: string; id: string; name: string }>(sql`SELECT credit_code, id::text AS id, name FROM enterprises WHERE tenant_id = ${tenantId}`);
    const byCode = new Map(names.rows.map((x) => [x.credit_code, x]));
    for (const o of rows) expect([String(o.enterpriseId), o.enterpriseName]).toEqual([byCode.get(o.creditCode)!.id, byCode.get(o.creditCode)!.name]);
  });

  it('ranks a class with no more candidates than it draws whole, as the verifier does', async () => {
    const { db } = getDb();
    const c = await svc.createCampaign(db, office, { name: '第三版·候选不足', year: 2026, itemIds: [itemId], departments: [], regionPrefix: null });
    const framed = await svc.fixFrame(db, office, c.id, new Date('2026-12-04T03:00:00Z'));
    // a frame whose bound keeps no candidate (the lowest key): stored candidates and published frame
    // agree, and the class is ranked whole by object key, in SQL and by the verifier
    const frame = structuredClone(framed.frame!);
    frame.strata[0]!.candidateBound = (-(2n ** 63n)).toString();
    await store.updateCampaign(db, tenantId, c.id, { frame, frameHash: frameHash(frame) });
    await db.execute(sql`UPDATE inspection_frame_lists SET cand_codes = '{}', cand_ids = '{}', cand_names = '{}' WHERE tenant_id = ${tenantId} AND campaign_id = ${c.id}`);
    const drawn = await svc.drawCampaign(db, office, c.id, new Date('2026-12-04T03:00:00Z'));
    const file = (await svc.drawFileOf(db, tenantId, c.id)) as DrawFile;
    expect(file.result.objects).toHaveLength(drawn.objectCount);
    expect(await verifyDrawFile(file)).toMatchObject({ ok: true, objects: drawn.objectCount });
    const list = file.objects['未分类']!.split('\n');
    for (const o of file.result.objects) expect(list[o.position]).toBe(o.creditCode);
  });

  it('refuses an object of a campaign that does not exist, and the deletion of a campaign holding objects', async () => {
    const { db } = getDb();
    // the database's message is the cause of the query error
    const reason = (p: Promise<unknown>) => p.then(() => 'no error', (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`);
    expect(
      await reason(db.execute(sql`INSERT INTO inspection_objects (tenant_id, campaign_id, draw_order, stratum, enterprise_id, credit_code, enterprise_name, inspector_ids) VALUES (${tenantId}, 987654321, 1, 'A', 1, 'x', 'x', '{1,2}')`)),
    ).toMatch(/campaign does not exist/);
    const any = await db.execute<{ campaign_id: string }>(sql`SELECT campaign_id::text FROM inspection_objects WHERE tenant_id = ${tenantId} LIMIT 1`);
    const id = Number(any.rows[0]!.campaign_id);
    expect(await reason(db.execute(sql`DELETE FROM inspection_campaigns WHERE tenant_id = ${tenantId} AND id = ${id}`))).toMatch(/has drawn objects/);
    // an ordinary update of the campaign is not affected
    await db.execute(sql`UPDATE inspection_campaigns SET name = name WHERE tenant_id = ${tenantId} AND id = ${id}`);
  });

  it('answers the draw before its objects are written; any reader writes them first, also those a stopped process left', async () => {
    const { db } = getDb();
    const count = async (id: number) => store.countCampaignObjects(db, tenantId, id);
    // the route's way: the answer comes first, the objects follow in this process
    const a = await svc.createCampaign(db, office, { name: '第三版·后写', year: 2026, itemIds: [itemId], departments: [], regionPrefix: null });
    await svc.fixFrame(db, office, a.id, now);
    const drawnA = await svc.drawCampaign(db, office, a.id, now, { objects: 'background' });
    expect(drawnA.objectsPending).toBe(true);
    expect(drawnA.objectCount).toBeGreaterThan(0);
    const page = await svc.getCampaign(db, office, a.id, now, { page: 1, pageSize: 20, filter: 'all' });
    expect(page.counts.all).toBe(drawnA.objectCount);
    expect((await store.selectCampaign(db, tenantId, a.id))!.objectsPending).toBe(false);
    // a process that stopped after the draw: nothing written, the mark kept, the seed revealed
    const b = await svc.createCampaign(db, office, { name: '第三版·中断', year: 2026, itemIds: [itemId], departments: [], regionPrefix: null });
    await svc.fixFrame(db, office, b.id, now);
    const drawnB = await svc.drawCampaign(db, office, b.id, now, { objects: 'leave' });
    expect(await count(b.id)).toBe(0);
    expect(drawnB.seed).toMatch(/^[0-9a-f]{64}$/);
    // the public file (a reader) writes them: the same objects and inspectors, recusals included, as the verifier finds
    const file = (await svc.drawFileOf(db, tenantId, b.id)) as DrawFile;
    expect(await count(b.id)).toBe(drawnB.objectCount);
    expect(await verifyDrawFile(file)).toMatchObject({ ok: true, objects: drawnB.objectCount });
    expect(file.result.recusals.length).toBeGreaterThan(0);
    const rows = await store.selectObjects(db, tenantId, b.id);
    expect(rows.map((o) => [o.drawOrder, o.creditCode, o.inspectorIds])).toEqual(file.result.objects.map((o, k) => [k + 1, o.creditCode, o.inspectors]));
    // written once: a second writer finds nothing left
    expect(await svc.writeDrawnObjects(db, tenantId, b.id)).toBe(0);
    // the enterprises just drawn are left out of the next frame even if nobody read the campaign before it
    const c = await svc.createCampaign(db, office, { name: '第三版·中断后', year: 2026, itemIds: [itemId], departments: [], regionPrefix: null });
    await svc.fixFrame(db, office, c.id, now);
    const d = await svc.drawCampaign(db, office, c.id, now, { objects: 'leave' });
    const e = await svc.createCampaign(db, office, { name: '第三版·再下一次', year: 2026, itemIds: [itemId], departments: [], regionPrefix: null });
    const framedE = await svc.fixFrame(db, office, e.id, now);
    expect(await count(c.id)).toBe(d.objectCount);
    const listed = new Set(((await svc.drawFileOf(db, tenantId, e.id)).objects['未分类'] ?? '').split('\n'));
    for (const o of await store.selectObjects(db, tenantId, c.id)) expect(listed.has(o.creditCode)).toBe(false);
    expect(framedE.frame!.strata[0]!.size).toBeGreaterThan(0);
  });
});
