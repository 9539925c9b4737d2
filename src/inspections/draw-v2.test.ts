// Draw version 2 in the database (decision 037), on PostgreSQL and the embedded database:
// hashtextextended there equals lookup3.ts here on thousands of codes; a campaign whose version-2 frame
// was fixed before version 3 (decision 051) is drawn by SQL (selection and insert in one statement,
// recusals after) and reproduced exactly from the public file; recusals, exclusions and version-1
// campaigns keep working.
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import type { Actor } from '../org/auth/model';
import { makeTenant } from '../org/testing';
import { commitmentOf, conflictTag, type DrawFile, type DrawFrame, frameHash, newSeed, stratumOf, takeOf, verifyDrawFile } from './draw';
import { pgHashTextExtended } from './lookup3';
import * as svc from './service';
import * as store from './store';
import { insertEnterprises } from './testing';

forEachDb('inspections draw v2', (getDb) => {
  let tenantId: number;
  let office: Actor;
  let codes: string[];
  let itemId: number;
  const now = new Date('2026-12-02T02:00:00Z');

  beforeAll(async () => {
    const { db } = getDb();
    tenantId = (await makeTenant(db)).tenantId;
    await insertEnterprises(db, tenantId, 3000, { seed: 11 });
    codes = (await db.execute<{ credit_code: string }>(sql`SELECT credit_code FROM enterprises WHERE tenant_id = ${tenantId} ORDER BY id`)).rows.map((r) => r.credit_code);
    office = { tenantId, userId: null, username: 'office', displayName: '办公室', role: 'office', departmentId: null };
    const item = await svc.createItem(db, office, { code: 'V2-1', name: '第二版抽取', legalBasis: '依据', department: '区市场监管局', content: '', method: '实地核查', scope: {}, classRules: { B: { ratio: 0.2, perYear: 1 } }, active: true });
    itemId = item.id;
  });

  it('computes hashtextextended exactly as lookup3.ts on 3 000 codes and odd strings, under several seeds', async () => {
    const { db } = getDb();
    const odd = ['', 'a', '双随机、一公开', 'x'.repeat(11), 'y'.repeat(12), 'z'.repeat(37), '91330000MA2B7XQ00K\n'];
    const seeds = [0n, 1n, -1n, -5740794485977637884n, 2n ** 63n - 1n];
    for (const seed of seeds) {
      const texts = seed === 0n ? [...codes, ...odd] : [...codes.slice(0, 600), ...odd];
      const r = await db.execute<{ h: string }>(sql`
        SELECT hashtextextended(t, ${seed.toString()}::bigint)::text AS h
        FROM jsonb_array_elements_text(${JSON.stringify(texts)}::jsonb) WITH ORDINALITY AS x(t, n) ORDER BY n`);
      expect(r.rows.map((x) => BigInt(x.h))).toEqual(texts.map((t) => pgHashTextExtended(t, seed)));
    }
  });

  /** A version-2 frame as fixFrame made it before version 3 (the same lists; a version-2 draw reads no candidates). */
  async function fixFrameV2(db: Parameters<typeof svc.fixFrame>[0], campaignId: number, at: Date): Promise<DrawFrame> {
    const snap = await store.snapshotFrameV3(db, { tenantId, campaignId, itemIds: [itemId], scopes: [{}], regionPrefix: null, operatingStatuses: ['存续', '在业'], notDrawnWithinDays: 365, now: at }, []);
    const inspectors = (await store.selectInspectors(db, tenantId))
      .filter((i) => i.active && i.qualifiedItemIds.includes(itemId))
      .map((i) => ({ id: i.id, name: i.name, department: i.department, certificateNo: i.certificateNo, conflicts: i.conflicts.map((x) => conflictTag(i.certificateNo, x.creditCode)).sort() }));
    const frame: DrawFrame = {
      format: 'zhiliang-draw',
      version: 2,
      campaignId,
      campaignName: '第二版',
      authority: '',
      items: [{ id: itemId, code: 'V2-1', name: '第二版抽取' }],
      exclusions: { operatingStatuses: ['存续', '在业'], notDrawnForSameItemWithinDays: 365, excludedCount: snap.excluded },
      strata: snap.strata.map((s) => ({ key: s.stratum, ratio: 0.2, size: s.size, take: takeOf(s.size, 0.2), listHash: s.listHash })),
      inspectors,
      inspectorsPerObject: 2,
      fixedAt: at.toISOString(),
    };
    const seed = newSeed();
    await store.updateCampaign(db, tenantId, campaignId, { frame, frameHash: frameHash(frame), seed, commitment: commitmentOf(seed), frameFixedAt: at });
    return frame;
  }

  it('draws in SQL what the public file recomputes: the same enterprises, positions, inspectors and recusals', async () => {
    const { db } = getDb();
    const operating = (await db.execute<{ credit_code: string }>(sql`SELECT credit_code FROM enterprises WHERE tenant_id = ${tenantId} AND status IN ('存续', '在业') ORDER BY id`)).rows.map((r) => r.credit_code);
    // inspector 1 declared conflicts with 200 operating enterprises: about 40 of them are drawn
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const conflicts = i === 0 ? operating.slice(0, 200).map((creditCode) => ({ creditCode, reason: '亲属任职' })) : [];
      ids.push((await svc.createInspector(db, office, { userId: null, name: `检查员${i}`, department: '区市场监管局', certificateNo: `V2-${i}`, qualifiedItemIds: [itemId], conflicts, active: true })).id);
    }
    const c = await svc.createCampaign(db, office, { name: '第二版', year: 2026, itemIds: [itemId], departments: [], regionPrefix: null });
    const framed = { frame: await fixFrameV2(db, c.id, now) };
    const n = framed.frame.strata[0]!.size;
    expect(n).toBe(operating.length);
    expect(framed.frame.exclusions.excludedCount).toBe(3000 - n);
    const drawn = await svc.drawCampaign(db, office, c.id, now);
    expect(drawn.objectCount).toBe(Math.ceil(n * 0.2));
    const file = (await svc.drawFileOf(db, tenantId, c.id)) as DrawFile;
    expect(file.version).toBe(2);
    // the published list is the set of operating enterprises (in the snapshot's order)
    expect(file.objects['未分类']!.split('\n').sort()).toEqual([...operating].sort());
    expect(await verifyDrawFile(file)).toMatchObject({ ok: true, objects: drawn.objectCount });
    const conflicted = new Set(operating.slice(0, 200));
    const hit = file.result.objects.filter((o) => conflicted.has(o.creditCode));
    expect(hit.length).toBeGreaterThan(10);
    for (const o of hit) expect(o.inspectors).not.toContain(ids[0]);
    expect(file.result.recusals.length).toBeGreaterThan(0);
    for (const r of file.result.recusals) expect(r.inspectorId).toBe(ids[0]);
    // the rows the campaign page reads carry the same inspectors as the file
    const rows = await store.selectObjects(db, tenantId, c.id);
    expect(rows.map((o) => [o.creditCode, o.inspectorIds])).toEqual(file.result.objects.map((o) => [o.creditCode, o.inspectors]));
    // one character of the file's result changed: verification names it
    const g: DrawFile = JSON.parse(JSON.stringify(file));
    g.result.objects[5]!.creditCode = g.result.objects[5]!.creditCode.replace(/.$/, (x) => (x === '0' ? '1' : '0'));
    expect(await verifyDrawFile(g)).toMatchObject({ ok: false, difference: expect.stringMatching(/^第 6 个抽中对象不同/) });

    // the next campaign for the same item leaves out everyone drawn within the window
    const next = await svc.createCampaign(db, office, { name: '第二版·复抽', year: 2026, itemIds: [itemId], departments: [], regionPrefix: null });
    const f2 = await svc.fixFrame(db, office, next.id, new Date('2026-12-03T02:00:00Z'));
    expect(f2.frame!.strata[0]!.size).toBe(n - drawn.objectCount);
    expect(f2.frame!.exclusions.excludedCount).toBe(3000 - n + drawn.objectCount);
    const list2 = ((await svc.drawFileOf(db, tenantId, next.id)) as DrawFile).objects['未分类']!.split('\n');
    const before = new Set(file.result.objects.map((o) => o.creditCode));
    expect(list2.some((code) => before.has(code))).toBe(false);
  });

  it('still draws and publishes a campaign whose version-1 frame was fixed before version 2', async () => {
    const { db } = getDb();
    const c = await svc.createCampaign(db, office, { name: '第一版遗留', year: 2026, itemIds: [itemId], departments: [], regionPrefix: '330902' });
    // the frame as version 1 fixed it: sorted lists in inspection_frame_chunks
    const snap = await store.snapshotFrame(db, { tenantId, campaignId: c.id, itemIds: [], scopes: [{}], regionPrefix: '330902', operatingStatuses: ['存续', '在业'], notDrawnWithinDays: 0, now });
    const inspectors = (await store.selectInspectors(db, tenantId)).map((i) => ({ id: i.id, name: i.name, department: i.department, certificateNo: i.certificateNo, conflicts: [] }));
    const lists = await store.selectFrameLists(db, tenantId, c.id);
    const strata = snap.strata.map((s) => stratumOf(s.stratum, 0.01, lists[s.stratum]!.split('\n')));
    expect(strata[0]!.listHash).toBe(snap.strata[0]!.listHash);
    const frame: DrawFrame = {
      format: 'zhiliang-draw',
      version: 1,
      campaignId: c.id,
      campaignName: c.name,
      authority: '',
      items: [{ id: itemId, code: 'V2-1', name: '第二版抽取' }],
      exclusions: { operatingStatuses: ['存续', '在业'], notDrawnForSameItemWithinDays: 0, excludedCount: snap.excluded },
      strata,
      inspectors,
      inspectorsPerObject: 2,
      fixedAt: now.toISOString(),
    };
    const seed = newSeed();
    await store.updateCampaign(db, tenantId, c.id, { frame, frameHash: frameHash(frame), seed, commitment: commitmentOf(seed), frameFixedAt: now });
    const drawn = await svc.drawCampaign(db, office, c.id, now);
    expect(drawn.objectCount).toBe(strata[0]!.take);
    const file = (await svc.drawFileOf(db, tenantId, c.id)) as DrawFile;
    expect(file.version).toBe(1);
    expect(await verifyDrawFile(file)).toMatchObject({ ok: true, objects: strata[0]!.take });
  });
});
