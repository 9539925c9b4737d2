// The demo authority's 双随机 groundwork on first start (issue 12, "Demo"): a generated county register
// when the directory is still empty (issue 11's demo register takes its place when present), a small
// 抽查事项清单 and a few inspectors, one of them the demo `inspector` account; enterprises' declared
// standards with one completed 企业标准 spot check (decision 046).
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../core/db/index';
import { systemActor, type Actor } from '../org/auth/model';
import { selectTenant } from '../org/tenancy/store';
import { generateEnterprises } from '../enterprises/generate';
import { enterprises } from '../enterprises/tables';
import { findUserByUsername } from '../org/auth/store';
import { createCampaign, createInspector, createItem, drawCampaign, enterResult, fixFrame, getCampaign, moveCampaign, reviewResult } from './service';
import { selectItems } from './store';
import { STANDARDS_NOT_DRAWN_WITHIN_DAYS } from './model';
import { standardDeclarations } from './tables';

/** Inserts `count` synthetic enterprises of one county into a tenant, as a register import would. */
export async function insertGeneratedEnterprises(
  db: DbOrTx,
  tenantId: number,
  n: number,
  opts: { seed?: number; firstSerial?: number; area?: { code: string; name: string; fullName: string } } = {},
): Promise<void> {
  const area = opts.area ?? { code: '330902', name: '定海区', fullName: '浙江省舟山市定海区' };
  let rows: Array<typeof enterprises.$inferInsert> = [];
  for (const e of generateEnterprises({ count: n, areas: [area], seed: opts.seed ?? 1, firstSerial: opts.firstSerial ?? 0 })) {
    rows.push({
      tenantId,
      creditCode: e.creditCode,
      name: e.name,
      legalRepresentative: e.legalRepresentative,
      category: e.category,
      type: e.type,
      status: e.status,
      registeredOn: e.registeredOn,
      registeredCapital: e.registeredCapital,
      address: e.address,
      regionCode: e.regionCode,
      industrySection: e.industrySection,
      industryDivision: e.industryDivision,
      licences: e.licences,
      productTags: e.productTags,
    });
    if (rows.length === 500) {
      await db.insert(enterprises).values(rows);
      rows = [];
    }
  }
  if (rows.length) await db.insert(enterprises).values(rows);
}

export async function seedInspectionsDemo(db: Db, tenantId: number): Promise<void> {
  if ((await selectItems(db, tenantId)).length > 0) return;
  const [{ n }] = await db.select({ n: count() }).from(enterprises).where(and(eq(enterprises.tenantId, tenantId)));
  if (Number(n) === 0) {
    const t = await selectTenant(db, tenantId);
    const code = t?.regionCode ?? '330902';
    await insertGeneratedEnterprises(db, tenantId, 3000, { seed: 2026, area: { code, name: t?.name ?? '示范区', fullName: t?.name ?? '示范区' } });
  }
  const actor: Actor = { ...systemActor(tenantId, '系统（示范数据）'), role: 'office' };
  const a = await createItem(db, actor, {
    code: 'SJ-01',
    name: '企业公示信息情况检查',
    legalBasis: '《企业信息公示暂行条例》第十四条、第十七条',
    department: '区市场监管局',
    content: '年度报告、即时信息的真实性和及时性',
    method: '书面检查、实地核查',
    scope: {},
    classRules: {},
    active: true,
  });
  const b = await createItem(db, actor, {
    code: 'SJ-02',
    name: '工业产品生产许可证获证企业检查',
    legalBasis: '《工业产品生产许可证管理条例》第四十二条',
    department: '区市场监管局',
    content: '持续保持获证条件、标志和编号使用',
    method: '实地核查',
    scope: { industrySections: ['C'] },
    // 2% of the unclassified (and B) stratum: a dozen or two industrial enterprises of the demo county
    classRules: { B: { ratio: 0.02, perYear: 1 } },
    active: true,
  });
  // 企业标准自我声明 (§8): the item, declarations of industrial enterprises, checked every 3 years
  const std = await createItem(db, actor, {
    code: 'SJ-03',
    name: '企业标准自我声明公开情况检查',
    legalBasis: '《标准化法》第二十一条、第二十七条、第三十八条',
    department: '区市场监管局',
    content: '自我声明公开的标准编号、名称，企业标准的功能指标和性能指标，技术要求不低于强制性国家标准',
    method: '书面检查（企业标准信息公共服务平台）、实地核查',
    scope: { standardDeclarations: true },
    classRules: { B: { ratio: 0.15, perYear: 1 } },
    notDrawnWithinDays: STANDARDS_NOT_DRAWN_WITHIN_DAYS,
    active: true,
  });
  await seedDeclarations(db, tenantId, 40);
  const people: Array<[string, string, string | null]> = [
    ['李队长', '33090200101', 'inspector'],
    ['陈明', '33090200102', null],
    ['刘洋', '33090200103', null],
  ];
  for (const [name, cert, username] of people) {
    // SJ-02 only for the first two: every object of its campaign gets both, the demo inspector among them
    const qualified = name === '刘洋' ? [a.id] : [a.id, b.id, std.id];
    await createInspector(db, actor, { userId: null, username, name, department: '区市场监管局', certificateNo: cert, qualifiedItemIds: qualified, conflicts: [], active: true });
  }
  await seedCompletedCampaign(db, tenantId, b.id, now());
  await seedStandardsCampaign(db, tenantId, std.id, now());
}

/** Declared standards of `n` industrial enterprises in operation (what the 标准信息公共服务平台 shows). */
async function seedDeclarations(db: Db, tenantId: number, n: number): Promise<void> {
  const r = await db.execute<{ id: number; product_tags: string[] | null; registered_on: string | null }>(sql`
    SELECT id, product_tags, to_char(registered_on, 'YYYY-MM-DD') AS registered_on FROM enterprises
    WHERE tenant_id = ${tenantId} AND industry_section = 'C' AND status IN ('存续', '在业') ORDER BY id LIMIT ${n}`);
  const types = ['企业标准', '企业标准', '企业标准', '团体标准', '国家标准'] as const;
  const rows = r.rows.map((e, i) => {
    const product = e.product_tags?.[0] ?? '工业产品';
    const type = types[i % types.length]!;
    const no = type === '企业标准' ? `Q/DH ${String(i + 1).padStart(4, '0')}S-2025` : type === '团体标准' ? `T/ZJAQ ${String(100 + i)}-2024` : `GB/T ${String(20000 + i)}-2023`;
    const on = `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    return { tenantId, enterpriseId: Number(e.id), standardNo: no, standardName: `${product}${type === '企业标准' ? '企业标准' : ''}`, standardType: type, products: product, declaredOn: on };
  });
  if (rows.length) await db.insert(standardDeclarations).values(rows).onConflictDoNothing();
}

/**
 * One completed 企业标准 spot check, drawn from the declarers about two months ago with the same
 * verifiable draw; results judged on the §8 checklist (one declaration does not disclose its
 * performance indicators), reviewed and published: the 符合率 has figures on first start.
 */
async function seedStandardsCampaign(db: Db, tenantId: number, itemId: number, at: Date): Promise<void> {
  const inspectorUser = await findUserByUsername(db, tenantId, 'inspector');
  const officeUser = await findUserByUsername(db, tenantId, 'office');
  if (!inspectorUser) return;
  const office: Actor = { ...systemActor(tenantId, officeUser?.displayName ?? '质量办'), role: 'office', userId: officeUser?.id ?? null };
  const inspector: Actor = { tenantId, userId: inspectorUser.id, username: inspectorUser.username, displayName: inspectorUser.displayName, role: 'inspector', departmentId: null };
  const drawnAt = new Date(at.getTime() - 60 * 86_400_000);
  const c = await createCampaign(db, office, { name: `${drawnAt.getFullYear()}年企业标准自我声明公开情况抽查`, year: drawnAt.getFullYear(), itemIds: [itemId], departments: ['区市场监管局'], regionPrefix: null });
  await fixFrame(db, office, c.id, new Date(drawnAt.getTime() - 86_400_000));
  await drawCampaign(db, office, c.id, drawnAt);
  const page = await getCampaign(db, inspector, c.id, at, { page: 1, pageSize: 200, filter: 'all' });
  const all = { notBelowMandatory: true, numbering: true, indicatorsDisclosed: true, testMethods: true };
  for (const [i, o] of page.objects.entries()) {
    if (!o.canEnter) continue;
    const p =
      i === 1
        ? { resultCode: '发现问题已责令改正', findings: '企业标准未公开产品的性能指标', followUp: '责令限期补充公开，已补正', followUpDone: true, checklist: { ...all, indicatorsDisclosed: false } }
        : { resultCode: '未发现问题', findings: '', followUp: '', followUpDone: false, checklist: all };
    const r = await enterResult(db, inspector, o.id, { ...p, inspectedOn: day(drawnAt, 7 + (i % 10)) }, at);
    await reviewResult(db, office, r.id, { approve: true, comment: '' }, at);
  }
  await moveCampaign(db, office, c.id, '已完成', day(drawnAt, 25));
}

const now = () => new Date();
const day = (d: Date, plus: number) => new Date(d.getTime() + plus * 86_400_000).toISOString().slice(0, 10);

/**
 * One completed campaign of the inspector's year (issue 12, "Demo"): frame and commitment published
 * about four months ago, drawn, every result entered by the demo inspector through the same use cases
 * as the web (a few finding problems: credit and follow-ups follow), reviewed by the office, published,
 * the campaign completed. A few dozen small transactions: cheap at start.
 */
async function seedCompletedCampaign(db: Db, tenantId: number, itemId: number, at: Date): Promise<void> {
  const inspectorUser = await findUserByUsername(db, tenantId, 'inspector');
  const officeUser = await findUserByUsername(db, tenantId, 'office');
  if (!inspectorUser) return;
  const office: Actor = { ...systemActor(tenantId, officeUser?.displayName ?? '质量办'), role: 'office', userId: officeUser?.id ?? null };
  const inspector: Actor = { tenantId, userId: inspectorUser.id, username: inspectorUser.username, displayName: inspectorUser.displayName, role: 'inspector', departmentId: null };
  const drawnAt = new Date(at.getTime() - 120 * 86_400_000);
  const c = await createCampaign(db, office, { name: `${drawnAt.getFullYear()}年工业产品生产许可证获证企业双随机抽查`, year: drawnAt.getFullYear(), itemIds: [itemId], departments: ['区市场监管局'], regionPrefix: null });
  await fixFrame(db, office, c.id, new Date(drawnAt.getTime() - 86_400_000));
  await drawCampaign(db, office, c.id, drawnAt);
  const page = await getCampaign(db, inspector, c.id, at, { page: 1, pageSize: 200, filter: 'all' });
  const problems: Array<{ resultCode: string; findings: string; followUp: string; followUpDone: boolean }> = [
    { resultCode: '发现问题已责令改正', findings: '生产许可证标志未按规定标注', followUp: '责令限期改正，已复查', followUpDone: true },
    { resultCode: '通过登记的住所(经营场所)无法联系', findings: '登记住所无人办公，电话无法接通', followUp: '提请列入经营异常名录', followUpDone: false },
    { resultCode: '发现问题待后续处理', findings: '原材料进货查验记录不全', followUp: '立案调查中', followUpDone: false },
  ];
  for (const [i, o] of page.objects.entries()) {
    if (!o.canEnter) continue;
    const p = problems[i] ?? { resultCode: '未发现问题', findings: '', followUp: '', followUpDone: false };
    const r = await enterResult(db, inspector, o.id, { ...p, inspectedOn: day(drawnAt, 10 + (i % 20)) }, at);
    await reviewResult(db, office, r.id, { approve: true, comment: '' }, at);
  }
  await moveCampaign(db, office, c.id, '已完成', day(drawnAt, 35));
}
