// Import → review → confirm → publish, on the five seed plans, against the real database tiers.
import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { auditLog } from '../org/audit/tables';
import { departments } from '../org/departments/tables';
import { parseBytes, parseUpload, importDemoPlans, pendingDemoPlans, importPlanFile, confirmInputFrom, autoResolve, suggestTargetDepartments } from './import';
import { planSources, plans, targets, tasks } from './tables';
import { insertDepartment } from '../org/departments/store';
import { insertPlan, insertTargetDepartments, insertTargets } from './store';
import { confirmPlan, getPlan, listPlans, publishPlan, updateTarget, deleteTarget, createTarget, updateTask } from './service';
import { SEED_FILES, demoTenant, departmentActor, officeActor, otherTenant, seedBytes } from './testing';
import type { AppError } from '../core/errors';

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe('seed files', () => {
  it('the five seed documents are beside the repository', () => {
    expect(SEED_FILES).toHaveLength(5);
  });
});

forEachDb('plans import', (getDb) => {
  let tenantId: number;
  let deptId: (name: string) => Promise<number>;
  const planIds = new Map<string, number>();

  beforeAll(async () => {
    const t = await demoTenant(getDb().db);
    tenantId = t.tenantId;
    deptId = t.departmentId;
  });

  const countOf = async (table: typeof plans | typeof targets | typeof tasks | typeof departments | typeof auditLog) => {
    const [r] = await getDb().db.select({ n: count() }).from(table).where(eq(table.tenantId, tenantId));
    return r.n;
  };

  it('imports and publishes each seed into the demo authority, with its targets, tasks and departments', async () => {
    const { db } = getDb();
    const logs: string[] = [];
    // before: every seed is pending (what a start checks before importing anything)
    expect(await pendingDemoPlans(db, tenantId)).toEqual(SEED_FILES);
    // each file is parsed before the import lock is taken: the lock holds the embedded database's one
    // connection, and users' requests must not wait for the parsing
    const advisoryLocksWhileParsing: number[] = [];
    const parse = async (bytes: Uint8Array, fileName: string) => {
      const rows = (await db.execute(sql`select count(*)::int as n from pg_locks where locktype = 'advisory'`)).rows as Array<{ n: number }>;
      advisoryLocksWhileParsing.push(rows[0].n);
      return (await parseBytes(bytes, fileName)).extraction;
    };
    const r = await importDemoPlans(db, tenantId, { log: (l) => logs.push(l), parse });
    expect(advisoryLocksWhileParsing).toEqual(SEED_FILES.map(() => 0));
    expect(r.missing).toBe(false);
    expect(await pendingDemoPlans(db, tenantId)).toEqual([]);
    expect(r.imported).toBe(5);
    expect(logs.some((l) => l.includes('已导入并发布 5 个示范计划'))).toBe(true);
    for (const [i, file] of SEED_FILES.entries()) {
      const p = r.plans[i];
      expect(p.created).toBe(true);
      expect(p.status).toBe('published');
      planIds.set(file, p.planId);
      const { extraction } = await parseBytes(seedBytes(file), file);
      const detail = await getPlan(db, officeActor(tenantId), p.planId);
      expect(detail.plan.title).toBe(extraction.metadata.title);
      expect(detail.targets).toHaveLength(extraction.targets.length);
      expect(detail.tasks).toHaveLength(extraction.tasks.length);
      expect(detail.targets.length + detail.tasks.length).toBeGreaterThan(0);
      expect(detail.source?.text).toBe(extraction.text);
      // every item points back at its sentence in the stored text
      for (const [j, t] of detail.targets.entries()) {
        expect(t.span).toEqual(extraction.targets[j].span);
        expect(t.value).toBe(extraction.targets[j].value);
        expect(t.indicator).toBe(extraction.targets[j].indicator);
      }
      // a target inside a task's paragraph gets that task's departments; others none (assigned later)
      const suggested = suggestTargetDepartments(extraction);
      for (const [j, t] of detail.targets.entries()) {
        expect(t.departments.length > 0, `${file} target ${j}`).toBe(suggested[j].length > 0);
      }
      // each task keeps as many departments as the document names for it (none ignored)
      for (const [j, t] of detail.tasks.entries()) {
        const written = new Set(extraction.tasks[j].departments.map((d) => d.name));
        if (written.size > 0) expect(t.departments.length).toBeGreaterThan(0);
        expect(t.departments.length).toBeLessThanOrEqual(written.size);
        const lead = extraction.tasks[j].departments.find((d) => d.role === 'lead');
        if (lead) expect(t.departments.some((d) => d.role === 'lead')).toBe(true);
      }
    }
    // seed 002 names 区科委, recorded as an alias of 区科技局 in the demo directory
    const p002 = await getPlan(db, officeActor(tenantId), planIds.get(SEED_FILES[2])!);
    const kejiId = await deptId('区科技局');
    expect(p002.tasks.some((t) => t.departments.some((d) => d.id === kejiId))).toBe(true);
    expect(p002.targets.filter((t) => t.departments.length > 0).length).toBeGreaterThan(10);
    expect(await countOf(plans)).toBe(5);
  });

  it('no demo plan keeps garbled text: no ? between Chinese characters, no pinyin tone letters', async () => {
    const { db } = getDb();
    const texts: [string, string][] = [];
    for (const p of await db.select().from(plans).where(eq(plans.tenantId, tenantId))) texts.push([`plan ${p.id} title`, p.title]);
    for (const t of await db.select().from(targets).where(eq(targets.tenantId, tenantId))) texts.push([`target ${t.id}`, `${t.indicator} ${t.unit}`]);
    for (const k of await db.select().from(tasks).where(eq(tasks.tenantId, tenantId))) texts.push([`task ${k.id}`, `${k.title} ${k.deadlineText ?? ''}`]);
    for (const src of await db.select().from(planSources).where(eq(planSources.tenantId, tenantId))) texts.push([`source of plan ${src.planId}`, src.text]);
    expect(texts.length).toBeGreaterThan(50);
    const cjk = '[\\u3400-\\u4dbf\\u4e00-\\u9fff]';
    const questionInside = new RegExp(`${cjk}[?\\ufffd]+${cjk}`);
    const toneLetters = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
    const bad = texts.filter(([, t]) => questionInside.test(t) || toneLetters.test(t)).map(([where, t]) => `${where}: ${t.match(new RegExp(`.{0,10}(?:${questionInside.source}|${toneLetters.source}).{0,10}`))?.[0]}`);
    expect(bad).toEqual([]);
    // the seed 003 target reads with the lost characters marked, not as pinyin
    const water = texts.find(([, t]) => t.startsWith('地表水省控'));
    expect(water?.[1]).toMatch(/^地表水省控□/);
  });

  it('a second run imports nothing: the source hash dedupes', async () => {
    const { db } = getDb();
    const before = { plans: await countOf(plans), targets: await countOf(targets), departments: await countOf(departments) };
    const r = await importDemoPlans(db, tenantId, { log: () => {} });
    expect(r.imported).toBe(0);
    expect(r.skipped).toBe(5);
    expect({ plans: await countOf(plans), targets: await countOf(targets), departments: await countOf(departments) }).toEqual(before);
  });

  it('a missing seeds folder is a Chinese warning, not a failure', async () => {
    const logs: string[] = [];
    const r = await importDemoPlans(getDb().db, tenantId, { dir: '/nonexistent/seeds/', log: (l) => logs.push(l) });
    expect(r).toMatchObject({ missing: true, imported: 0 });
    expect(logs[0]).toMatch(/警告：未找到示范计划文件目录/);
  });

  it('re-importing a file warns with the existing plan and creates nothing', async () => {
    const { db } = getDb();
    const file = SEED_FILES[1];
    const office = officeActor(tenantId);
    const review = await parseUpload(db, office, seedBytes(file), file);
    expect(review.duplicateOf?.id).toBe(String(planIds.get(file)));
    const cli = await importPlanFile(db, office, seedBytes(file), file);
    expect(cli).toMatchObject({ created: false, planId: planIds.get(file) });
    const err = await rejection(confirmPlan(db, office, confirmInputFrom(review, autoResolve(review.departments))));
    expect(err.code).toBe('DUPLICATE_PLAN');
    expect(err.status).toBe(409);
    expect(err.message).toContain(`编号 ${planIds.get(file)}`);
    expect(await countOf(plans)).toBe(5);
  });

  it('the same file confirmed twice at the same time becomes one plan', async () => {
    const { db } = getDb();
    const office = officeActor(tenantId);
    const file = SEED_FILES[4];
    const review = await parseUpload(db, office, new Uint8Array([...seedBytes(file), 0x0a, 0x0a, 0x0a]), 'twice.txt');
    const input = confirmInputFrom(review, autoResolve(review.departments));
    const results = await Promise.allSettled([confirmPlan(db, office, input), confirmPlan(db, office, input)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as AppError).code).toBe('DUPLICATE_PLAN');
  });

  it('refuses to create a department from a name that is not shaped like a unit, unless explicitly confirmed', async () => {
    const { db } = getDb();
    const office = officeActor(tenantId);
    const file = SEED_FILES[3];
    const review = await parseUpload(db, office, new Uint8Array([...seedBytes(file), 0x0a, 0x0a, 0x0a, 0x0a]), 'fragment.txt');
    const input = confirmInputFrom(review, autoResolve(review.departments));
    const fragment = '政府可以委托国家职业教育指导咨询委员会';
    input.tasks[0].departments = [...(input.tasks[0].departments ?? []), { name: fragment, role: 'co' }];
    input.departments.push({ name: fragment, action: 'create' });
    const before = await countOf(plans);
    const err = await rejection(confirmPlan(db, office, input));
    expect(err.code).toBe('DEPARTMENT_NOT_UNIT_NAME');
    expect(err.status).toBe(400);
    expect(err.message).toContain('不像单位名称');
    expect(await countOf(plans)).toBe(before); // nothing half-written
    input.departments[input.departments.length - 1] = { name: fragment, action: 'create', notUnitNameConfirmed: true };
    const ok = await confirmPlan(db, office, input);
    expect(ok.departmentsCreated.map((d) => d.name)).toContain(fragment);
  });

  it('confirms a reviewed extraction with corrections, added and deleted items and department decisions', async () => {
    const { db } = getDb();
    const office = officeActor(tenantId);
    const file = SEED_FILES[2];
    // the same document, one byte different: a new file for the hash
    const bytes = new Uint8Array([...seedBytes(file), 0x0a]);
    const review = await parseUpload(db, office, bytes, 'corrected.txt');
    expect(review.duplicateOf).toBeNull();
    const byName = new Map(review.departments.map((d) => [d.name, d]));
    expect(byName.get('区市场监管局')?.status).toBe('exact');
    expect(byName.get('区科委')?.status).toBe('alias');
    const input = confirmInputFrom(review, autoResolve(review.departments));
    const [first, second] = input.targets;
    input.targets = input.targets.slice(2); // the user deletes the first two targets
    input.targets.unshift({ ...first, value: first.value + 1, origin: 'edited', departments: [{ name: '区科委', role: 'lead' }] }); // and corrects one
    input.targets.push({
      indicator: '人工添加的指标',
      comparator: 'range',
      value: 10,
      valueMax: 20,
      unit: '家',
      kind: 'cumulative',
      deadlineYear: 2023,
      departments: [{ name: '区新设机构', role: 'lead' }],
    });
    // the user creates a new department and ignores one the engine found
    const ignored = input.departments.find((d) => d.name === '区府办')!;
    input.departments = input.departments.filter((d) => d !== ignored);
    input.departments.push({ name: '区府办', action: 'ignore' }, { name: '区新设机构', action: 'create', newName: '区新设机构办公室' });
    const res = await confirmPlan(db, office, input);
    expect(res.plan.status).toBe('draft');
    expect(res.departmentsCreated.map((d) => d.name)).toEqual(['区新设机构办公室']);
    const detail = await getPlan(db, office, res.plan.id);
    expect(detail.targets).toHaveLength(review.extraction.targets.length); // -2 +1 +1
    expect(detail.targets[0]).toMatchObject({ value: first.value + 1, origin: 'edited', span: first.span });
    expect(detail.targets[0].departments.map((d) => d.name)).toEqual(['区科技局']);
    expect(detail.targets.some((t) => t.indicator === second.indicator && t.span?.[0] === second.span?.[0])).toBe(false);
    const added = detail.targets.at(-1)!;
    expect(added).toMatchObject({ comparator: 'range', value: 10, valueMax: 20, origin: 'manual', span: null });
    expect(added.departments.map((d) => d.name)).toEqual(['区新设机构办公室']);
    // 区府办 was ignored: no task carries the department it matched
    const fubanId = await deptId('区政府办');
    expect(detail.tasks.some((t) => t.departments.some((d) => d.id === fubanId))).toBe(false);
    // audited in the same transaction
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'plan.create'), eq(auditLog.entityId, String(res.plan.id))));
    expect(audits).toHaveLength(1);
  });

  it('a name without a decision is refused, naming it', async () => {
    const { db } = getDb();
    const file = SEED_FILES[3];
    const review = await parseUpload(db, officeActor(tenantId), new Uint8Array([...seedBytes(file), 0x20]), 'x.txt');
    const input = confirmInputFrom(review, autoResolve(review.departments).slice(1));
    const err = await rejection(confirmPlan(db, officeActor(tenantId), input));
    expect(err.code).toBe('UNRESOLVED_DEPARTMENT');
    expect(err.message).toContain(review.departments[0].name);
  });

  it('a failure in the middle of confirming leaves nothing behind', async () => {
    const { db } = getDb();
    const office = officeActor(tenantId);
    const file = SEED_FILES[3];
    const review = await parseUpload(db, office, new Uint8Array([...seedBytes(file), 0x0a, 0x0a]), 'fails.txt');
    const input = confirmInputFrom(review, autoResolve(review.departments));
    // one new department is fine, the second collides with an existing name (unique constraint
    // inside the transaction, after the plan, its source and the first department were written)
    const names = [...new Set(input.tasks.flatMap((t) => t.departments.map((d) => d.name)))];
    expect(names.length).toBeGreaterThanOrEqual(2);
    input.departments = input.departments.map((d) =>
      d.name === names[0] ? { name: d.name, action: 'create', newName: '区临时新设局' } : d.name === names[1] ? { name: d.name, action: 'create', newName: '区市场监管局' } : d,
    );
    const before = {
      plans: await countOf(plans),
      targets: await countOf(targets),
      tasks: await countOf(tasks),
      departments: await countOf(departments),
      audit: await countOf(auditLog),
    };
    const err = await rejection(confirmPlan(db, office, input));
    expect(err.code).toBe('DEPARTMENT_EXISTS');
    expect(err.status).toBe(409);
    expect(err.message).toContain('区市场监管局');
    expect({
      plans: await countOf(plans),
      targets: await countOf(targets),
      tasks: await countOf(tasks),
      departments: await countOf(departments),
      audit: await countOf(auditLog),
    }).toEqual(before);
  });

  it('field errors name the field in Chinese', async () => {
    const { db } = getDb();
    const file = SEED_FILES[4];
    const review = await parseUpload(db, officeActor(tenantId), new Uint8Array([...seedBytes(file), 0x0a]), 'bad.txt');
    const input = confirmInputFrom(review, autoResolve(review.departments));
    input.targets[0] = { ...input.targets[0], comparator: 'range', valueMax: null };
    input.targets[1] = { ...input.targets[1], span: [0, review.extraction.text.length + 10] };
    const err = await rejection(confirmPlan(db, officeActor(tenantId), input));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain('第 1 项目标：区间目标须填写上限值');
    expect(err.message).toContain('另有 1 处问题');
    expect((err.details as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['targets.0.valueMax', 'targets.1.span']);
  });

  it('publishing makes a draft live for the departments it names; twice is refused', async () => {
    const { db } = getDb();
    const office = officeActor(tenantId);
    const file = SEED_FILES[1];
    const r = await importPlanFile(db, office, new Uint8Array([...seedBytes(file), 0x0a]), 'draft.txt');
    expect(r.status).toBe('draft');
    const detail = await getPlan(db, office, r.planId);
    const depId = detail.tasks.find((t) => t.departments.length)!.departments[0].id;
    const dept = departmentActor(tenantId, depId);
    expect((await rejection(getPlan(db, dept, r.planId))).code).toBe('PLAN_NOT_FOUND');
    expect((await listPlans(db, dept)).items.map((p) => p.id)).not.toContain(r.planId);
    expect((await rejection(publishPlan(db, dept, r.planId))).code).toBe('FORBIDDEN');
    const published = await publishPlan(db, office, r.planId);
    expect(published.status).toBe('published');
    expect(published.publishedAt).toBeInstanceOf(Date);
    const seen = await getPlan(db, dept, r.planId);
    expect(seen.tasks.length).toBeGreaterThan(0);
    expect(seen.tasks.every((t) => t.departments.some((d) => d.id === depId))).toBe(true);
    expect(seen.tasks.length).toBeLessThanOrEqual(detail.tasks.length);
    const listed = (await listPlans(db, dept)).items.find((p) => p.id === r.planId)!;
    expect(listed.counts.tasks).toBe(seen.tasks.length);
    const again = await rejection(publishPlan(db, office, r.planId));
    expect(again.code).toBe('PLAN_NOT_DRAFT');
  });

  it('two people editing the same target: the second gets a conflict, nothing is overwritten', async () => {
    const { db } = getDb();
    const office = officeActor(tenantId);
    const planId = planIds.get(SEED_FILES[2])!;
    const t = (await getPlan(db, office, planId)).targets[0];
    const a = await updateTarget(db, office, planId, t.id, { version: t.version, value: 3.1 });
    expect(a).toMatchObject({ value: 3.1, version: t.version + 1, origin: 'edited' });
    const err = await rejection(updateTarget(db, office, planId, t.id, { version: t.version, value: 9.9 }));
    expect(err.code).toBe('CONFLICT');
    expect(err.status).toBe(409);
    expect(err.message).toBe('数据已被他人修改，请刷新后重试');
    expect((await getPlan(db, office, planId)).targets[0].value).toBe(3.1);
    expect((await rejection(deleteTarget(db, office, planId, t.id, t.version))).code).toBe('CONFLICT');
    const task = (await getPlan(db, office, planId)).tasks[0];
    await updateTask(db, office, planId, task.id, { version: task.version, title: '改过的任务' });
    expect((await rejection(updateTask(db, office, planId, task.id, { version: task.version, title: '另一人的修改' }))).code).toBe('CONFLICT');
    // a range without an upper bound is a field error
    const bad = await rejection(updateTarget(db, office, planId, t.id, { version: a.version, comparator: 'range' }));
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.message).toBe('区间目标须填写上限值');
    const added = await createTarget(db, office, planId, { indicator: '新增指标', comparator: '>=', value: 5, unit: '个', departments: [] });
    expect(added.origin).toBe('manual');
    await deleteTarget(db, office, planId, added.id, added.version);
    expect((await getPlan(db, office, planId)).targets.some((x) => x.id === added.id)).toBe(false);
  });

  it('another authority sees none of these plans and its directory gets the departments it names', async () => {
    const { db } = getDb();
    const other = await otherTenant(db);
    const office = officeActor(other);
    expect(await listPlans(db, office)).toEqual({ items: [], total: 0 });
    expect((await rejection(getPlan(db, office, planIds.get(SEED_FILES[0])!))).code).toBe('PLAN_NOT_FOUND');
    // the same file is new for this authority; its empty directory is filled by the import
    const file = SEED_FILES[4];
    const r = await importPlanFile(db, office, seedBytes(file), file);
    expect(r.created).toBe(true);
    expect(r.departmentsMatched).toBe(0);
    const [{ n }] = await db.select({ n: count() }).from(departments).where(eq(departments.tenantId, other));
    expect(r.departmentsCreated.length).toBe(n);
    expect(n).toBeGreaterThan(0);
  });

  it('lists plans a page at a time, newest first, with the total; a department sees only its plans', async () => {
    const { db } = getDb();
    const other = await otherTenant(db, '分页区');
    const office = officeActor(other);
    const dep = await insertDepartment(db, { tenantId: other, name: '分页测试局', sortOrder: 1 });
    for (let i = 0; i < 45; i++) {
      const p = await insertPlan(db, { tenantId: other, title: `分页计划 ${String(i).padStart(2, '0')}`, status: i % 3 === 0 ? 'draft' : 'published', createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
      if (i % 5 === 0 && i % 3 !== 0) {
        const [t] = await insertTargets(db, [{ tenantId: other, planId: p.id, indicator: `指标${i}`, comparator: '>=', value: 1, unit: '%', sortOrder: 0, origin: 'manual' }]);
        await insertTargetDepartments(db, [{ tenantId: other, targetId: t.id, departmentId: dep.id, role: 'lead', sortOrder: 0 }]);
      }
    }
    const first = await listPlans(db, office, { pageSize: 20 });
    expect(first.total).toBe(45);
    expect(first.items.map((p) => p.title).slice(0, 2)).toEqual(['分页计划 44', '分页计划 43']);
    const third = await listPlans(db, office, { page: 3, pageSize: 20 });
    expect(third.items.map((p) => p.title)).toEqual(['分页计划 04', '分页计划 03', '分页计划 02', '分页计划 01', '分页计划 00']);
    expect(await listPlans(db, office, { page: 9, pageSize: 20 })).toEqual({ items: [], total: 45 });
    expect((await listPlans(db, office, { status: 'draft', pageSize: 200 })).total).toBe(15);
    // a page is never larger than the largest page size, whatever is asked
    expect((await listPlans(db, office, { pageSize: 100000 })).items).toHaveLength(45);
    const mine = await listPlans(db, departmentActor(other, dep.id), { pageSize: 2 });
    expect(mine.total).toBe(6); // i = 5, 10, 20, 25, 35, 40: published, with a target of the department
    expect(mine.items.map((p) => [p.title, p.counts.targets])).toEqual([['分页计划 40', 1], ['分页计划 35', 1]]);
  });
});
