// 双随机、一公开 over HTTP: items and inspectors, a campaign whose frame and commitment are published
// before the draw, the draw (seed revealed, never rerun), the public file that verification accepts,
// results entered by the campaign's inspectors only, reviewed by someone else, returned, corrected as
// a new version and published with its due date; and who may do what on every route.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import type { Actor } from '../org/auth/model';
import { makeTenant } from '../org/testing';
import { callAs, fakeSessionApp, sessionHeaders } from '../server/testing';
import { verifyDrawFile, type DrawFile } from './draw';
import type { CampaignOut, CampaignPageResponse, InspectorOut, ItemOut, PublicationDueResponse, PublicDrawListResponse } from './schemas';
import { insertEnterprises } from './testing';
import { enterpriseTimeline } from './service';
import { insertDepartment } from '../org/departments/store';
import { insertPlan } from '../plans/store';
import type { FollowUpListResponse } from '../plans/followups/schemas';
import type { EnterpriseCreditOut } from '../credit/schemas';

forEachDb('inspections', (getDb) => {
  let app: FastifyInstance;
  let tenantId: number;
  let otherTenant: number;
  const sessions = new Map<string, Actor>();
  const call = (who: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => callAs(app, who, method, url, payload);
  const upload = (who: string, objectId: string, name: string, bytes: Uint8Array) => {
    const boundary = '----zhiliang-evidence-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from(bytes),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return app.inject({ method: 'POST', url: `/api/inspections/objects/${objectId}/evidence`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...sessionHeaders(who) } });
  };
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  let item: ItemOut;
  const inspectorsByUser = new Map<string, InspectorOut>();
  let conflictCode: string;

  beforeAll(async () => {
    const { db } = getDb();
    tenantId = (await makeTenant(db)).tenantId;
    otherTenant = (await makeTenant(db)).tenantId;
    await insertEnterprises(db, tenantId, 400, { seed: 3 });
    const actor = (t: number, role: Actor['role'], userId: number, name: string, departmentId: number | null = null): Actor => ({ tenantId: t, userId, username: name, displayName: name, role, departmentId });
    sessions.set('office', actor(tenantId, 'office', 1, '办公室王主任'));
    for (const [i, n] of ['张一', '李二', '赵三', '钱四'].entries()) sessions.set(`insp${i + 1}`, actor(tenantId, 'inspector', 11 + i, n));
    sessions.set('dept', actor(tenantId, 'department', 30, '部门联络员', 5));
    sessions.set('admin', actor(tenantId, 'admin', 31, '管理员'));
    sessions.set('stranger', actor(otherTenant, 'inspector', 40, '外区检查员'));
    app = await fakeSessionApp(db, sessions, { clock: () => new Date('2026-12-02T02:00:00Z') });
    const codes = await db.execute<{ credit_code: string }>(
      (await import('drizzle-orm')).sql`SELECT credit_code FROM enterprises WHERE tenant_id = ${tenantId} AND status IN ('存续','在业') ORDER BY credit_code COLLATE "C" LIMIT 1`,
    );
    conflictCode = codes.rows[0]!.credit_code;
  });
  afterAll(async () => app?.close());

  it('sets up an item with its legal basis and ratios, and inspectors with qualifications and conflicts', async () => {
    const res = await call('office', 'POST', '/api/inspections/items', {
      code: 'SJ-2026-01',
      name: '企业公示信息情况检查',
      legalBasis: '《企业信息公示暂行条例》第十四条',
      department: '区市场监管局',
      content: '年度报告、即时信息公示情况',
      method: '书面检查、实地核查',
      classRules: { B: { ratio: 0.1, perYear: 1 } },
    });
    expect(res.statusCode, res.body).toBe(200);
    item = res.json();
    const dup = await call('office', 'POST', '/api/inspections/items', { code: 'SJ-2026-01', name: 'x', legalBasis: 'x', department: 'x' });
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE_CODE' });
    for (const [i, n] of ['张一', '李二', '赵三', '钱四'].entries()) {
      const r = await call('office', 'POST', '/api/inspections/inspectors', {
        userId: String(11 + i),
        name: n,
        department: '区市场监管局',
        certificateNo: `3309020${i}`,
        qualifiedItemIds: [item.id],
        conflicts: i === 0 ? [{ creditCode: conflictCode, reason: '配偶任职' }] : [],
      });
      expect(r.statusCode, r.body).toBe(200);
      inspectorsByUser.set(`insp${i + 1}`, r.json());
    }
    const bad = await call('office', 'POST', '/api/inspections/inspectors', { name: '孙五', department: 'x', certificateNo: '9', conflicts: [{ creditCode: '91330902MA2A0000X0' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/统一社会信用代码/);
  });

  let campaign: CampaignOut;
  it('publishes the frame and the commitment first, the seed only after the draw, and never draws twice', async () => {
    const created = await call('office', 'POST', '/api/inspections/campaigns', { name: '2026年企业公示信息抽查', year: 2026, itemIds: [item.id], departments: ['区市场监管局'] });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    expect((await call('office', 'POST', `/api/inspections/campaigns/${id}/draw`)).json()).toMatchObject({ code: 'FRAME_NOT_FIXED' });
    const framed = await call('office', 'POST', `/api/inspections/campaigns/${id}/frame`);
    expect(framed.statusCode, framed.body).toBe(200);
    const f: CampaignOut = framed.json();
    expect(f.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(f.seed).toBeNull();
    expect(f.state).toBe('待抽取');
    // no class yet: everyone in the 未分类 stratum at the item's B ratio (10%)
    expect(f.frame!.strata.map((s) => [s.key, s.ratio])).toEqual([['未分类', 0.1]]);
    const n = f.frame!.strata[0]!.size;
    expect(n).toBeGreaterThan(300);
    expect(n + f.frame!.exclusions.excludedCount).toBe(400);
    // public before the draw: frame and commitment, no seed
    const pub: PublicDrawListResponse = (await call(null, 'GET', `/api/public/draws?tenant=${tenantId}`)).json();
    expect(pub.items[0]).toMatchObject({ commitment: f.commitment, seed: null, drawnAt: null });
    const pre = (await call(null, 'GET', pub.items[0]!.downloadUrl)).json();
    expect(pre.seed).toBeNull();

    const drawn = await call('office', 'POST', `/api/inspections/campaigns/${id}/draw`);
    expect(drawn.statusCode, drawn.body).toBe(200);
    campaign = drawn.json();
    expect(campaign.state).toBe('已抽取');
    expect(campaign.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(campaign.commitment).toBe(f.commitment);
    expect(campaign.objectCount).toBe(Math.ceil(n * 0.1));
    expect((await call('office', 'POST', `/api/inspections/campaigns/${id}/draw`)).json()).toMatchObject({ code: 'DRAW_REVEALED' });
    expect((await call('office', 'POST', `/api/inspections/campaigns/${id}/frame`)).json()).toMatchObject({ code: 'DRAW_REVEALED' });
  });

  it('lets anyone download the published draw, and verification reproduces it', async () => {
    const list: PublicDrawListResponse = (await call(null, 'GET', `/api/public/draws?tenant=${tenantId}`)).json();
    const d = list.items.find((x) => x.id === campaign.id)!;
    expect(d.seed).toBe(campaign.seed);
    const res = await call(null, 'GET', d.downloadUrl);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const file: DrawFile = res.json();
    expect(file.version).toBe(3);
    expect(file.result.objects).toHaveLength(campaign.objectCount);
    expect(await verifyDrawFile(file)).toMatchObject({ ok: true, objects: campaign.objectCount });
    // the conflicted enterprise, if drawn, never got 张一
    const zhang = Number(inspectorsByUser.get('insp1')!.id);
    for (const o of file.result.objects) if (o.creditCode === conflictCode) expect(o.inspectors).not.toContain(zhang);
    // another authority's public list does not show it
    const other: PublicDrawListResponse = (await call(null, 'GET', `/api/public/draws?tenant=${otherTenant}`)).json();
    expect(other.items).toEqual([]);
  });

  it('results: only the object’s inspectors enter, someone else reviews, a return is corrected as a new version, then published', async () => {
    const page: CampaignPageResponse = (await call('insp1', 'GET', `/api/inspections/campaigns/${campaign.id}`)).json();
    const o = page.objects[0]!;
    const mine = [...inspectorsByUser.entries()].find(([, i]) => i.id === o.inspectors[0]!.id)![0];
    const notMine = [...inspectorsByUser.entries()].find(([, i]) => !o.inspectors.some((x) => x.id === i.id))![0];
    const body = { resultCode: '发现问题已责令改正', findings: '年报未公示', followUp: '责令15日内补报', inspectedOn: '2026-12-01' };
    expect((await call(notMine, 'POST', `/api/inspections/objects/${o.id}/results`, body)).json()).toMatchObject({ code: 'NOT_ASSIGNED' });
    expect((await call('office', 'POST', `/api/inspections/objects/${o.id}/results`, body)).statusCode).toBe(403);
    expect((await call(mine, 'POST', `/api/inspections/objects/${o.id}/results`, { ...body, followUp: '' })).statusCode).toBe(400);
    const entered = await call(mine, 'POST', `/api/inspections/objects/${o.id}/results`, body);
    expect(entered.statusCode, entered.body).toBe(200);
    const r1 = entered.json();
    expect(r1).toMatchObject({ version: 1, state: '待审核' });
    expect((await call(mine, 'POST', `/api/inspections/results/${r1.id}/review`, { approve: true })).json()).toMatchObject({ code: 'OWN_ENTRY' });
    expect((await call('office', 'POST', `/api/inspections/results/${r1.id}/review`, { approve: false })).statusCode).toBe(400);
    const returned = await call('office', 'POST', `/api/inspections/results/${r1.id}/review`, { approve: false, comment: '请补充整改期限' });
    expect(returned.json()).toMatchObject({ state: '退回', reviewComment: '请补充整改期限' });
    const r2 = (await call(mine, 'POST', `/api/inspections/objects/${o.id}/results`, { ...body, followUp: '责令于2026年12月16日前补报年度报告' })).json();
    expect(r2).toMatchObject({ version: 2, state: '待审核' });
    const pubd = await call('office', 'POST', `/api/inspections/results/${r2.id}/review`, { approve: true });
    expect(pubd.json()).toMatchObject({ state: '已公示', reviewedByName: '办公室王主任' });
    const after: CampaignPageResponse = (await call('office', 'GET', `/api/inspections/campaigns/${campaign.id}`)).json();
    const ao = after.objects.find((x) => x.id === o.id)!;
    expect(after.campaign.state).toBe('执行中');
    expect(ao.versions.map((v) => [v.version, v.state])).toEqual([[1, '退回'], [2, '已公示']]);
    expect(ao.publication).toBe('published');
    // 20 working days after 2026-12-01 (a Tuesday): 2026-12-29
    expect(ao.dueDate).toBe('2026-12-29');
    // a published result is corrected by a new version; version 2 stays as it was
    const r3 = (await call(mine, 'POST', `/api/inspections/objects/${o.id}/results`, { ...body, resultCode: '未发现问题', followUp: '' })).json();
    expect(r3).toMatchObject({ version: 3, state: '待审核' });
    const again: CampaignPageResponse = (await call('office', 'GET', `/api/inspections/campaigns/${campaign.id}`)).json();
    expect(again.objects.find((x) => x.id === o.id)!.versions[1]).toMatchObject({ version: 2, state: '已公示', resultCode: '发现问题已责令改正' });
    // the quality file shows the draw and the published result
    const { db } = getDb();
    const entId = (await db.execute<{ enterprise_id: number }>((await import('drizzle-orm')).sql`SELECT enterprise_id FROM inspection_objects WHERE tenant_id = ${tenantId} AND id = ${Number(o.id)}`)).rows[0]!.enterprise_id;
    const tl = await enterpriseTimeline(db, tenantId, Number(entId));
    expect(tl.map((t) => t.title)).toContain('双随机抽查结果：发现问题已责令改正');
  });

  it('a problem found opens a follow-up task in the plan, linked both ways, closed only when the result agrees; credit and the quality file get it', async () => {
    const { db } = getDb();
    const { sql } = await import('drizzle-orm');
    const dept = await insertDepartment(db, { tenantId, name: '区市场监管局' });
    const other = await insertDepartment(db, { tenantId, name: '区教育局' });
    sessions.set('market', { tenantId, userId: 50, username: 'market', displayName: '市场监管局联络员', role: 'department', departmentId: dept.id });
    sessions.set('edu', { tenantId, userId: 51, username: 'edu', displayName: '教育局联络员', role: 'department', departmentId: other.id });
    const older = await insertPlan(db, { tenantId, title: '质量强区建设实施方案（2023—2025年）', status: 'published', publishedAt: new Date('2023-03-01T00:00:00Z') });
    const plan = await insertPlan(db, { tenantId, title: '质量提升行动计划（2026—2028年）', status: 'published', publishedAt: new Date('2026-03-01T00:00:00Z') });

    const page: CampaignPageResponse = (await call('office', 'GET', `/api/inspections/campaigns/${campaign.id}?pageSize=5&page=1`)).json();
    expect(page.objects).toHaveLength(5);
    expect(page.total).toBe(campaign.objectCount);
    const o = page.objects[1]!;
    const mine = [...inspectorsByUser.entries()].find(([, i]) => i.id === o.inspectors[0]!.id)![0];
    const body = { resultCode: '通过登记的住所(经营场所)无法联系', findings: '登记住所已拆迁，电话无人接听', followUp: '提请列入经营异常名录', inspectedOn: '2026-11-30' };
    const r1 = (await call(mine, 'POST', `/api/inspections/objects/${o.id}/results`, body)).json();
    expect((await call('office', 'POST', `/api/inspections/results/${r1.id}/review`, { approve: true })).json()).toMatchObject({ state: '已公示' });

    // the record shows the task: in the latest published plan (no default chosen), for the item's department
    const one: CampaignPageResponse = (await call('office', 'GET', `/api/inspections/campaigns/${campaign.id}?object=${o.id}`)).json();
    expect(one.objects.map((x) => x.id)).toEqual([o.id]);
    expect(one.objects[0]!.followUps).toEqual([expect.objectContaining({ planId: String(plan.id), planTitle: plan.title, departmentName: '区市场监管局', state: 'open' })]);
    // the plan shows the record; the responsible department sees it, another does not
    const list: FollowUpListResponse = (await call('market', 'GET', `/api/plans/${plan.id}/followups`)).json();
    expect(list.items).toHaveLength(1);
    const f = list.items[0]!;
    expect(f.source).toMatchObject({ mayClose: false, link: `/inspections/campaigns/${campaign.id}?object=${o.id}` });
    expect(f.source!.title).toContain(o.enterpriseName);
    expect(f.canClose).toBe(false);
    expect((await call('edu', 'GET', `/api/plans/${plan.id}/followups`)).json().items).toEqual([]);
    expect((await call('office', 'GET', `/api/plans/${older.id}/followups`)).json().items).toEqual([]);
    // closing needs the record to agree
    const early = await call('market', 'POST', `/api/plans/followups/${f.id}/close`, { version: f.version });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'SOURCE_NOT_DONE' });
    expect((await call('edu', 'POST', `/api/plans/followups/${f.id}/close`, { version: f.version })).statusCode).toBe(403);

    // credit: an 经营异常 listing proposed (pending, for the office to decide) and a credit event; the quality file shows both and the result
    const entId = Number((await db.execute<{ enterprise_id: number }>(sql`SELECT enterprise_id FROM inspection_objects WHERE tenant_id = ${tenantId} AND id = ${Number(o.id)}`)).rows[0]!.enterprise_id);
    const credit: EnterpriseCreditOut = (await call('office', 'GET', `/api/enterprises/${entId}/credit`)).json();
    expect(credit.lists).toEqual([expect.objectContaining({ list: 'abnormal', reason: 'unreachable', state: 'pending', groundsOn: '2026-11-30' })]);
    expect(credit.events.map((e) => [e.kind, e.source])).toContainEqual(['inspection_problem', 'domain']);
    const file = (await call('office', 'GET', `/api/enterprises/${entId}/file`)).json();
    const titles = file.timeline.map((t: { title: string }) => t.title);
    expect(titles).toContain('双随机抽查结果：通过登记的住所(经营场所)无法联系');
    expect(titles).toContain('双随机抽查发现问题：通过登记的住所(经营场所)无法联系');

    // the 后续处置 done, published: now the department may close it
    const r2 = (await call(mine, 'POST', `/api/inspections/objects/${o.id}/results`, { ...body, followUp: '已提请列入经营异常名录', followUpDone: true })).json();
    await call('office', 'POST', `/api/inspections/results/${r2.id}/review`, { approve: true });
    const ready: FollowUpListResponse = (await call('market', 'GET', `/api/plans/${plan.id}/followups`)).json();
    expect(ready.items[0]).toMatchObject({ canClose: true, source: { mayClose: true } });
    const closed = await call('market', 'POST', `/api/plans/followups/${f.id}/close`, { version: f.version, note: '已列入' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', closingNote: '已列入', closedByName: '市场监管局联络员' });
    const shown: CampaignPageResponse = (await call('office', 'GET', `/api/inspections/campaigns/${campaign.id}?object=${o.id}`)).json();
    expect(shown.objects[0]!.followUps.map((x) => x.state)).toEqual(['closed']);
    // one credit event for the object across versions
    const again: EnterpriseCreditOut = (await call('office', 'GET', `/api/enterprises/${entId}/credit`)).json();
    expect(again.events.filter((e) => e.kind === 'inspection_problem')).toHaveLength(1);

    // a correction finding nothing drops the pending proposal and withdraws the credit event
    const r3 = (await call(mine, 'POST', `/api/inspections/objects/${o.id}/results`, { resultCode: '未发现问题', findings: '经复核住所可联系', followUp: '', inspectedOn: '2026-12-01' })).json();
    await call('office', 'POST', `/api/inspections/results/${r3.id}/review`, { approve: true });
    const after: EnterpriseCreditOut = (await call('office', 'GET', `/api/enterprises/${entId}/credit`)).json();
    expect(after.lists[0]).toMatchObject({ state: 'dropped' });
    expect(after.events.find((e) => e.kind === 'inspection_problem')).toMatchObject({ withdrawnOn: '2026-12-01' });
    const file2 = (await call('office', 'GET', `/api/enterprises/${entId}/file`)).json();
    expect(file2.timeline.map((t: { title: string }) => t.title)).toContain('双随机抽查结果更正：未发现问题');

    // the office opens a follow-up by hand in the plan it chooses; a second request answers the same task
    const first = page.objects[0]!;
    const opened = await call('office', 'POST', '/api/plans/followups', { source: { kind: 'inspection_object', id: first.id }, planId: String(older.id), departmentId: String(dept.id) });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ planId: String(older.id) });
    const twice = await call('office', 'POST', '/api/plans/followups', { source: { kind: 'inspection_object', id: first.id }, planId: null, departmentId: String(dept.id) });
    expect(twice.json().id).toBe(opened.json().id);
    expect((await call('market', 'POST', '/api/plans/followups', { source: { kind: 'inspection_object', id: first.id }, departmentId: String(dept.id) })).statusCode).toBe(403);
    expect((await call('office', 'POST', '/api/plans/followups', { source: { kind: 'nothing', id: '1' }, departmentId: String(dept.id) })).json()).toMatchObject({ code: 'UNKNOWN_SOURCE' });
    expect((await call('office', 'POST', '/api/plans/followups', { source: { kind: 'inspection_object', id: '999999' }, departmentId: String(dept.id) })).statusCode).toBe(404);
    // the default plan, once chosen, takes new follow-ups
    const s0 = (await call('office', 'GET', '/api/plans/followups/settings')).json();
    expect(s0).toMatchObject({ defaultPlanId: null, effectivePlan: { id: String(plan.id) } });
    expect((await call('office', 'PUT', '/api/plans/followups/settings', { defaultPlanId: String(older.id), version: 0 })).json()).toMatchObject({ effectivePlan: { id: String(older.id) } });
    expect((await call('market', 'PUT', '/api/plans/followups/settings', { defaultPlanId: null, version: 1 })).statusCode).toBe(403);
  });

  it('warns of results due and overdue for publication (20 working days after the inspection), on the 驾驶舱 and as a filter of the campaign page', async () => {
    const page: CampaignPageResponse = (await call('office', 'GET', `/api/inspections/campaigns/${campaign.id}?filter=未录入&pageSize=1`)).json();
    const o = page.objects[0]!;
    const mine = [...inspectorsByUser.entries()].find(([, i]) => i.id === o.inspectors[0]!.id)![0];
    // inspected on 2026-10-09 and never published: due 20 working days later (2026-11-05: Saturday 10-10 is a 调休 working day), overdue on 2026-12-02
    const r = await call(mine, 'POST', `/api/inspections/objects/${o.id}/results`, { resultCode: '未发现问题', inspectedOn: '2026-10-09' });
    expect(r.statusCode, r.body).toBe(200);
    const due: PublicationDueResponse = (await call('office', 'GET', '/api/inspections/publication-due')).json();
    expect(due.overdue).toBe(1);
    expect(due.items[0]).toMatchObject({ campaignId: campaign.id, overdue: 1, earliest: '2026-10-09', dueOn: '2026-11-05' });
    // the other pending one (inspected 2026-12-01, due 2026-12-29) is not due within 5 working days
    expect(due.dueSoon).toBe(0);
    expect(due.items[0]!.pending).toBeGreaterThanOrEqual(2);
    const overdue: CampaignPageResponse = (await call('office', 'GET', `/api/inspections/campaigns/${campaign.id}?filter=overdue`)).json();
    expect(overdue.objects.map((x) => [x.id, x.publication])).toEqual([[o.id, 'overdue']]);
    expect(overdue.counts.overdue).toBe(1);
    expect(overdue.counts.all).toBe(overdue.counts.未录入 + overdue.counts.待审核 + overdue.counts.退回 + overdue.counts.已公示);
  });

  it('evidence files go with the result version being prepared: kept with it once entered, removable by the uploader before, shown to the reviewer', async () => {
    const page: CampaignPageResponse = (await call('office', 'GET', `/api/inspections/campaigns/${campaign.id}?filter=未录入&pageSize=1`)).json();
    const o = page.objects[0]!;
    expect(o.evidence).toBe(0);
    const mine = [...inspectorsByUser.entries()].find(([, i]) => i.id === o.inspectors[0]!.id)![0];
    const notMine = [...inspectorsByUser.entries()].find(([, i]) => !o.inspectors.some((x) => x.id === i.id))![0];
    // only the object's inspectors; only files that are what their names say
    expect((await upload(notMine, o.id, '现场照片.png', PNG)).json()).toMatchObject({ code: 'NOT_ASSIGNED' });
    expect((await upload(mine, o.id, '现场照片.pdf', PNG)).statusCode).toBe(415);
    expect((await upload(mine, o.id, '空.png', Buffer.alloc(0))).statusCode).toBe(400);
    const photo = await upload(mine, o.id, '现场照片.png', PNG);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ forVersion: 1, submitted: false, mayDelete: true, mimeType: 'image/png', sizeBytes: PNG.length });
    const wrong = (await upload(mine, o.id, '拍错了.png', PNG)).json();
    const record = (await upload(mine, o.id, '检查记录.pdf', PDF)).json();
    // a file added by mistake is removed by its uploader (not by another inspector) before the result goes in
    const other = [...inspectorsByUser.keys()].find((k) => k !== mine && o.inspectors.some((x) => x.id === inspectorsByUser.get(k)!.id));
    if (other) expect((await call(other, 'DELETE', `/api/inspections/evidence/${wrong.id}`)).json()).toMatchObject({ code: 'NOT_UPLOADER' });
    expect((await call(mine, 'DELETE', `/api/inspections/evidence/${wrong.id}`)).statusCode).toBe(200);
    // the result goes in: its files are part of version 1 from now on
    const r1 = (await call(mine, 'POST', `/api/inspections/objects/${o.id}/results`, { resultCode: '发现问题已责令改正', findings: '现场与登记不符', followUp: '责令改正', inspectedOn: '2026-12-01' })).json();
    expect(r1).toMatchObject({ version: 1, state: '待审核' });
    expect((await upload(mine, o.id, '补充.png', PNG)).json()).toMatchObject({ code: 'PENDING_REVIEW' });
    const listed = (await call('office', 'GET', `/api/inspections/objects/${o.id}/evidence`)).json().items as Array<{ id: string; fileName: string; forVersion: number; submitted: boolean; mayDelete: boolean }>;
    expect(listed.map((e) => [e.fileName, e.forVersion, e.submitted])).toEqual([
      ['现场照片.png', 1, true],
      ['检查记录.pdf', 1, true],
    ]);
    expect((await call(mine, 'DELETE', `/api/inspections/evidence/${record.id}`)).json()).toMatchObject({ code: 'EVIDENCE_SUBMITTED' });
    // the reviewer downloads what was submitted, byte for byte
    const dl = await call('office', 'GET', `/api/inspections/evidence/${record.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    // returned and corrected: a new file goes with version 2, version 1's stay
    await call('office', 'POST', `/api/inspections/results/${r1.id}/review`, { approve: false, comment: '请补充整改通知书' });
    expect((await upload(mine, o.id, '责令改正通知书.pdf', PDF)).json()).toMatchObject({ forVersion: 2, submitted: false });
    await call(mine, 'POST', `/api/inspections/objects/${o.id}/results`, { resultCode: '发现问题已责令改正', findings: '现场与登记不符', followUp: '已下达责令改正通知书', inspectedOn: '2026-12-01' });
    const after = (await call('office', 'GET', `/api/inspections/objects/${o.id}/evidence`)).json().items as Array<{ forVersion: number; submitted: boolean }>;
    expect(after.map((e) => [e.forVersion, e.submitted])).toEqual([
      [1, true],
      [1, true],
      [2, true],
    ]);
    const shown: CampaignPageResponse = (await call('office', 'GET', `/api/inspections/campaigns/${campaign.id}?object=${o.id}`)).json();
    expect(shown.objects[0]!.evidence).toBe(3);
    // another authority reaches none of it
    expect((await call('stranger', 'GET', `/api/inspections/objects/${o.id}/evidence`)).statusCode).toBe(404);
    expect((await call('stranger', 'GET', `/api/inspections/evidence/${record.id}`)).statusCode).toBe(404);
  });

  it('other roles and authorities cannot use the routes', async () => {
    const id = campaign.id;
    const routes: Array<['GET' | 'POST' | 'PUT' | 'DELETE', string, unknown?]> = [
      ['GET', '/api/inspections/settings'],
      ['GET', '/api/inspections/items'],
      ['POST', '/api/inspections/items', { code: 'X', name: 'x', legalBasis: 'x', department: 'x' }],
      ['GET', '/api/inspections/inspectors'],
      ['POST', '/api/inspections/inspectors', { name: 'x', department: 'x', certificateNo: 'x' }],
      ['GET', '/api/inspections/campaigns'],
      ['POST', '/api/inspections/campaigns', { name: 'x', year: 2026, itemIds: [item.id] }],
      ['GET', `/api/inspections/campaigns/${id}`],
      ['GET', `/api/inspections/campaigns/${id}/file`],
      ['POST', `/api/inspections/campaigns/${id}/frame`],
      ['POST', `/api/inspections/campaigns/${id}/draw`],
      ['GET', '/api/inspections/publication-due'],
      ['GET', '/api/inspections/standards/declarations'],
      ['POST', '/api/inspections/standards/declarations', { creditCode: conflictCode, standardNo: 'Q/X 1', standardName: 'x', standardType: '企业标准', declaredOn: '2026-01-01' }],
      ['GET', '/api/inspections/standards/conformity?year=2026'],
      ['POST', '/api/inspections/standards/imports', {}],
      ['GET', '/api/inspections/standards/imports/1/refusals'],
      ['GET', '/api/inspections/objects/1/evidence'],
      ['POST', '/api/inspections/objects/1/evidence', {}],
      ['GET', '/api/inspections/evidence/1'],
      ['DELETE', '/api/inspections/evidence/1'],
    ];
    // follow-ups: signed-out callers get nothing; opening and the default plan are the office's
    for (const [m, url, body] of [
      ['GET', '/api/plans/1/followups'],
      ['POST', '/api/plans/followups', { source: { kind: 'inspection_object', id: '1' }, departmentId: '1' }],
      ['POST', '/api/plans/followups/1/close', { version: 1 }],
      ['GET', '/api/plans/followups/settings'],
      ['PUT', '/api/plans/followups/settings', { defaultPlanId: null, version: 0 }],
    ] as Array<['GET' | 'POST' | 'PUT', string, unknown?]>) {
      expect((await call(null, m, url, body)).statusCode, `${m} ${url} signed out`).toBe(401);
      if (m !== 'GET') expect((await call('insp1', m, url, body)).statusCode, `${m} ${url} inspector`).toBe(403);
    }
    for (const [m, url, body] of routes) {
      expect((await call(null, m, url, body)).statusCode, `${m} ${url} signed out`).toBe(401);
      expect((await call('dept', m, url, body)).statusCode, `${m} ${url} department`).toBe(403);
      expect((await call('admin', m, url, body)).statusCode, `${m} ${url} admin`).toBe(403);
    }
    // another authority's inspector sees none of this authority's records
    expect((await call('stranger', 'GET', `/api/inspections/campaigns/${id}`)).statusCode).toBe(404);
    expect((await call('stranger', 'GET', `/api/inspections/campaigns/${id}/file`)).statusCode).toBe(404);
    expect((await call('stranger', 'POST', `/api/inspections/campaigns/${id}/draw`)).statusCode).toBe(404);
    expect((await call('stranger', 'GET', '/api/inspections/items')).json().items).toEqual([]);
    // results: the office neither enters; the department neither reviews
    expect((await call('dept', 'POST', '/api/inspections/results/1/review', { approve: true })).statusCode).toBe(403);
    const settings = (await call('office', 'GET', '/api/inspections/settings')).json().settings;
    expect(settings.classRules.B).toEqual({ ratio: 0.05, perYear: 1 });
    expect((await call('dept', 'PUT', '/api/inspections/settings', settings)).statusCode).toBe(403);
    const saved = await call('office', 'PUT', '/api/inspections/settings', { ...settings, classRules: { ...settings.classRules, D: { ratio: 1, perYear: 0 } } });
    expect(saved.json().settings).toMatchObject({ version: 1, classRules: { D: { ratio: 1 } } });
  });
});
