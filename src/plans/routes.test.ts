// The plan routes over HTTP: upload → review → confirm → publish, edits with versions, and what a
// department user may see and do (only its own items; nothing else, on every route).
import { Document, Packer, Paragraph } from 'docx';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../org/auth/model';
import { forEachDb } from '../core/db/testing';
import { callAs, fakeSessionApp, sessionHeaders } from '../server/testing';
import { autoResolve, confirmInputFrom } from './import';
import type { ParseResponse, PlanDetailResponse } from './schemas';
import { SEED_FILES, demoTenant, otherTenant, seedBytes } from './testing';

function multipart(fileName: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----zhiliang-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

forEachDb('plan routes', (getDb) => {
  let app: FastifyInstance;
  const sessions = new Map<string, Actor>();
  let deptA: number; // 区市场监管局
  let deptB: number; // 区科技局
  let planId: string;
  let detail: PlanDetailResponse;

  const as = sessionHeaders;
  const call = (who: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => callAs(app, who, method, url, payload);

  beforeAll(async () => {
    const { db } = getDb();
    const demo = await demoTenant(db);
    deptA = await demo.departmentId('区市场监管局');
    deptB = await demo.departmentId('区科技局');
    const other = await otherTenant(db, '邻区');
    const actor = (tenantId: number, role: Actor['role'], departmentId: number | null = null): Actor => ({
      tenantId,
      userId: null,
      username: role,
      displayName: role,
      role,
      departmentId,
    });
    sessions.set('office', actor(demo.tenantId, 'office'));
    sessions.set('admin', actor(demo.tenantId, 'admin'));
    sessions.set('inspector', actor(demo.tenantId, 'inspector'));
    sessions.set('deptA', actor(demo.tenantId, 'department', deptA));
    sessions.set('deptB', actor(demo.tenantId, 'department', deptB));
    sessions.set('otherOffice', actor(other, 'office'));
    app = await fakeSessionApp(db, sessions);
  });
  afterAll(async () => {
    await app?.close();
  });

  let review: ParseResponse;

  it('parses an upload for review: extraction, department matches, no duplicate yet', async () => {
    const file = SEED_FILES[2];
    const m = multipart(file, seedBytes(file));
    const res = await app.inject({ method: 'POST', url: '/api/plans/import/parse', payload: m.payload, headers: { ...m.headers, ...as('office') } });
    expect(res.statusCode).toBe(200);
    review = res.json();
    expect(review.extraction.targets.length).toBeGreaterThan(10);
    expect(review.extraction.text.length).toBeGreaterThan(1000);
    expect(review.duplicateOf).toBeNull();
    const byName = Object.fromEntries(review.departments.map((d) => [d.name, d]));
    expect(byName['区市场监管局']).toMatchObject({ status: 'exact', match: { department: { id: String(deptA) } } });
    expect(byName['区科委']).toMatchObject({ status: 'alias', match: { department: { id: String(deptB), name: '区科技局' } } });
  });

  it('refuses uploads it cannot take, in Chinese with a code', async () => {
    const bad = async (who: string | null, name: string, bytes: Uint8Array) => {
      const m = multipart(name, bytes);
      const res = await app.inject({ method: 'POST', url: '/api/plans/import/parse', payload: m.payload, headers: { ...m.headers, ...(who ? as(who) : {}) } });
      return { status: res.statusCode, ...(res.json() as { code: string; message: string }) };
    };
    expect(await bad('office', 'plan.exe', new Uint8Array([1, 2, 3]))).toMatchObject({ status: 415, code: 'UNSUPPORTED_FORMAT' });
    expect(await bad('office', 'empty.txt', new Uint8Array())).toMatchObject({ status: 400, code: 'EMPTY_FILE' });
    expect(await bad('office', 'random.docx', new Uint8Array(2000).fill(7))).toMatchObject({ status: 400 });
    expect(await bad('deptA', 'a.txt', seedBytes(SEED_FILES[0]))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await bad('inspector', 'a.txt', seedBytes(SEED_FILES[0]))).toMatchObject({ status: 403 });
    expect(await bad(null, 'a.txt', seedBytes(SEED_FILES[0]))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const json = await call('office', 'POST', '/api/plans/import/parse', { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().code).toBe('FILE_REQUIRED');
    const m = (await bad('office', 'random.docx', new Uint8Array(2000).fill(7))).message;
    expect(m).toMatch(/[\u4e00-\u9fff]/);
  });

  it('confirms the reviewed plan as a draft; the same file again warns and links to it', async () => {
    const body = confirmInputFrom(review, autoResolve(review.departments));
    body.targets[0].value = 2.5; // a correction
    const bad = await call('office', 'POST', '/api/plans', { ...body, targets: [{ ...body.targets[0], value: 'abc' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bad.json().message).toContain('目标值');
    expect((await call('deptA', 'POST', '/api/plans', body)).statusCode).toBe(403);

    const res = await call('office', 'POST', '/api/plans', body);
    expect(res.statusCode).toBe(200);
    const created = res.json();
    expect(created.plan.status).toBe('draft');
    expect(created.counts.targets).toBe(review.extraction.targets.length);
    planId = created.plan.id;

    const again = multipart(SEED_FILES[2], seedBytes(SEED_FILES[2]));
    const second = await app.inject({ method: 'POST', url: '/api/plans/import/parse', payload: again.payload, headers: { ...again.headers, ...as('office') } });
    expect(second.json().duplicateOf).toMatchObject({ id: planId, status: 'draft' });
    const dup = await call('office', 'POST', '/api/plans', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DUPLICATE_PLAN');

    const got = await call('office', 'GET', `/api/plans/${planId}`);
    expect(got.statusCode).toBe(200);
    detail = got.json();
    expect(detail.targets[0].value).toBe(2.5);
    const span = detail.targets[0].span!;
    expect(detail.source!.text.slice(span[0], span[1])).toContain('2.4'); // the sentence the value came from
    expect(detail.outline.length).toBeGreaterThan(0);
  });

  it('a draft is invisible to departments; publishing makes it live', async () => {
    expect((await call('deptA', 'GET', `/api/plans/${planId}`)).statusCode).toBe(404);
    expect((await call('deptA', 'POST', `/api/plans/${planId}/publish`, {})).statusCode).toBe(403);
    const pub = await call('office', 'POST', `/api/plans/${planId}/publish`, { version: detail.plan.version });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().plan.status).toBe('published');
    const twice = await call('office', 'POST', `/api/plans/${planId}/publish`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('PLAN_NOT_DRAFT');
    const list = await call('office', 'GET', '/api/plans');
    expect(list.json().items[0]).toMatchObject({ id: planId, status: 'published', counts: { targets: detail.targets.length, tasks: detail.tasks.length } });
  });

  it('edits with versions: the second editor gets 409 CONFLICT and a clear message', async () => {
    const t = detail.targets[1];
    const url = `/api/plans/${planId}/targets/${t.id}`;
    const ok = await call('office', 'PATCH', url, { version: t.version, value: 40, departments: [{ departmentId: String(deptA), role: 'lead' }] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().target).toMatchObject({ value: 40, version: t.version + 1, departments: [{ id: String(deptA), role: 'lead' }] });
    const stale = await call('office', 'PATCH', url, { version: t.version, value: 41 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual({ code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' });
    const staleDelete = await call('office', 'DELETE', `${url}?version=${t.version}`);
    expect(staleDelete.statusCode).toBe(409);
    const fieldError = await call('office', 'PATCH', url, { version: t.version + 1, unit: 'x'.repeat(41) });
    expect(fieldError.statusCode).toBe(400);
    expect(fieldError.json().message).toContain('单位');
    const noVersion = await call('office', 'PATCH', url, { value: 1 });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().message).toContain('版本号');

    const task = detail.tasks[0];
    const tUrl = `/api/plans/${planId}/tasks/${task.id}`;
    expect((await call('office', 'PATCH', tUrl, { version: task.version, deadlineText: '2023年底前' })).statusCode).toBe(200);
    expect((await call('office', 'PATCH', tUrl, { version: task.version, deadlineText: '2022年底前' })).statusCode).toBe(409);
  });

  it('a department user sees only its own items and can change nothing, on every route', async () => {
    // visible: the plan (it names 区市场监管局), and only 区市场监管局's targets and tasks
    const all: PlanDetailResponse = (await call('office', 'GET', `/api/plans/${planId}`)).json();
    const ofA = (x: { departments: { id: string }[] }) => x.departments.some((d) => d.id === String(deptA));
    const expected = all.targets.filter(ofA).map((t) => t.id);
    expect(expected).toContain(detail.targets[1].id);
    expect(expected.length).toBeLessThan(all.targets.length);
    const list = await call('deptA', 'GET', '/api/plans');
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.find((p: { id: string }) => p.id === planId);
    expect(mine.counts.targets).toBe(expected.length);
    const got: PlanDetailResponse = (await call('deptA', 'GET', `/api/plans/${planId}`)).json();
    expect(got.targets.map((t) => t.id)).toEqual(expected);
    expect(got.tasks.length).toBeGreaterThan(0);
    expect(got.tasks.every((t) => t.departments.some((d) => d.id === String(deptA)))).toBe(true);
    expect(got.tasks.length).toBeLessThan(detail.tasks.length);

    const ownTarget = detail.targets[1];
    const otherTarget = all.targets.find((t) => !ofA(t))!;
    const ownTask = got.tasks[0];
    const otherTask = detail.tasks.find((t) => !t.departments.some((d) => d.id === String(deptA)))!;
    expect((await call('deptA', 'GET', `/api/plans/${planId}/targets/${ownTarget.id}`)).statusCode).toBe(200);
    expect((await call('deptA', 'GET', `/api/plans/${planId}/targets/${otherTarget.id}`)).statusCode).toBe(404);
    expect((await call('deptA', 'GET', `/api/plans/${planId}/tasks/${ownTask.id}`)).statusCode).toBe(200);
    expect((await call('deptA', 'GET', `/api/plans/${planId}/tasks/${otherTask.id}`)).statusCode).toBe(404);

    // 区科技局 sees only its own targets; the one given to 区市场监管局 alone is not found for it
    const b: PlanDetailResponse = (await call('deptB', 'GET', `/api/plans/${planId}`)).json();
    expect(b.targets.every((t) => t.departments.some((d) => d.id === String(deptB)))).toBe(true);
    expect(b.targets.map((t) => t.id)).not.toContain(ownTarget.id);
    expect((await call('deptB', 'GET', `/api/plans/${planId}/targets/${ownTarget.id}`)).statusCode).toBe(404);

    // no changes at all, even to its own items
    const writes: [string, 'POST' | 'PATCH' | 'DELETE', string, unknown][] = [
      ['patch plan', 'PATCH', `/api/plans/${planId}`, { version: 1, title: 'x' }],
      ['publish', 'POST', `/api/plans/${planId}/publish`, {}],
      ['add target', 'POST', `/api/plans/${planId}/targets`, { indicator: 'x', comparator: '>=', value: 1 }],
      ['patch target', 'PATCH', `/api/plans/${planId}/targets/${ownTarget.id}`, { version: 2, value: 99 }],
      ['delete target', 'DELETE', `/api/plans/${planId}/targets/${ownTarget.id}?version=2`, undefined],
      ['add task', 'POST', `/api/plans/${planId}/tasks`, { title: 'x' }],
      ['patch task', 'PATCH', `/api/plans/${planId}/tasks/${ownTask.id}`, { version: ownTask.version, title: 'x' }],
      ['delete task', 'DELETE', `/api/plans/${planId}/tasks/${ownTask.id}?version=${ownTask.version}`, undefined],
    ];
    for (const [what, method, url, body] of writes) {
      const res = await call('deptA', method, url, body);
      expect({ what, status: res.statusCode, code: res.json().code }).toEqual({ what, status: 403, code: 'FORBIDDEN' });
    }
    const still: PlanDetailResponse = (await call('office', 'GET', `/api/plans/${planId}`)).json();
    expect(still.targets.find((t) => t.id === ownTarget.id)!.value).toBe(40);
  });

  it('another authority cannot read or change these plans', async () => {
    expect((await call('otherOffice', 'GET', '/api/plans')).json().items).toEqual([]);
    expect((await call('otherOffice', 'GET', `/api/plans/${planId}`)).statusCode).toBe(404);
    const t = detail.targets[3];
    const res = await call('otherOffice', 'PATCH', `/api/plans/${planId}/targets/${t.id}`, { version: t.version, value: 1 });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '计划不存在' });
    expect((await call('otherOffice', 'POST', `/api/plans/${planId}/publish`, {})).statusCode).toBe(404);
  });

  it('the office adds and deletes items; the API documents the routes', async () => {
    const add = await call('office', 'POST', `/api/plans/${planId}/tasks`, { title: '新增任务', departments: [{ departmentId: String(deptB), role: 'lead' }] });
    expect(add.statusCode).toBe(200);
    const task = add.json().task;
    expect(task).toMatchObject({ origin: 'manual', departments: [{ id: String(deptB), name: '区科技局', role: 'lead' }] });
    expect((await call('deptB', 'GET', `/api/plans/${planId}/tasks/${task.id}`)).statusCode).toBe(200);
    const badDep = await call('office', 'POST', `/api/plans/${planId}/tasks`, { title: 'x', departments: [{ departmentId: '999999', role: 'lead' }] });
    expect(badDep.statusCode).toBe(400);
    expect(badDep.json().message).toContain('部门不存在');
    expect((await call('office', 'DELETE', `/api/plans/${planId}/tasks/${task.id}?version=${task.version}`)).statusCode).toBe(200);
    expect((await call('office', 'GET', `/api/plans/${planId}/tasks/${task.id}`)).statusCode).toBe(404);
    // archiving: departments may not, the office may once; an archived plan is not edited any more
    expect((await call('deptA', 'POST', `/api/plans/${planId}/archive`, {})).statusCode).toBe(403);
    const archived = await call('office', 'POST', `/api/plans/${planId}/archive`, {});
    expect(archived.json().plan.status).toBe('archived');
    expect((await call('office', 'POST', `/api/plans/${planId}/archive`, {})).json().code).toBe('PLAN_NOT_PUBLISHED');
    const t = detail.targets[4];
    const frozen = await call('office', 'PATCH', `/api/plans/${planId}/targets/${t.id}`, { version: t.version, value: 1 });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json()).toEqual({ code: 'PLAN_ARCHIVED', message: '已归档的计划不能修改' });
    expect((await call('deptA', 'GET', `/api/plans/${planId}`)).statusCode).toBe(200);
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const p of ['/api/plans', '/api/plans/import/parse', '/api/plans/{id}', '/api/plans/{id}/publish', '/api/plans/{id}/targets/{targetId}', '/api/plans/{id}/tasks/{taskId}']) {
      expect(doc.paths[p], p).toBeTruthy();
    }
  });

  it('a Word document goes the same way: upload, review, confirm, and its targets inherit the task departments', async () => {
    const lines = [
      '某某区质量提升行动方案（2024—2026年）',
      '一、主要目标',
      '到2026年，全区规模以上工业企业新增注册商标不少于200件，产品质量监督抽查合格率达到95%以上。',
      '二、重点任务',
      '（一）推进标准化建设。支持企业主导制修订国家标准和行业标准，2026年底前完成。（责任单位：区市场监管局、区经信局）',
      '（二）加强品牌培育。培育区级政府质量奖企业10家以上。（牵头单位：区经信局；配合单位：区科技局）',
    ];
    const bytes = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: lines.map((t) => new Paragraph(t)) }] })));
    const m = multipart('fang-an.docx', bytes);
    const parsed = await app.inject({ method: 'POST', url: '/api/plans/import/parse', payload: m.payload, headers: { ...m.headers, ...as('office') } });
    expect(parsed.statusCode).toBe(200);
    const rv: ParseResponse = parsed.json();
    expect(rv.extraction.source.format).toBe('docx');
    expect(rv.departments.every((d) => d.status === 'exact')).toBe(true);
    const res = await call('office', 'POST', '/api/plans', confirmInputFrom(rv, autoResolve(rv.departments)));
    expect(res.statusCode).toBe(200);
    const plan: PlanDetailResponse = (await call('office', 'GET', `/api/plans/${res.json().plan.id}`)).json();
    expect(plan.tasks).toHaveLength(2);
    expect(plan.tasks[1].departments.map((d) => [d.name, d.role])).toEqual([
      ['区经信局', 'lead'],
      ['区科技局', 'co'],
    ]);
    const award = plan.targets.find((t) => t.indicator.includes('质量奖'))!;
    expect(award).toMatchObject({ comparator: '>=', value: 10, unit: '家' });
    expect(award.departments.map((d) => d.name)).toEqual(['区经信局', '区科技局']);
    expect(plan.source!.text.slice(award.span![0], award.span![1])).toContain('10家');
  });
});
