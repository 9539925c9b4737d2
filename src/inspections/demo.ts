// The demo authority's 双随机 groundwork on first start (issue 12, "Demo"): a generated county register
// when the directory is still empty (issue 11's demo register takes its place when present), a small
// 抽查事项清单 and a few inspectors, one of them the demo `inspector` account.
import { and, count, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../core/db/index';
import { systemActor, type Actor } from '../org/auth/model';
import { selectTenant } from '../org/tenancy/store';
import { generateEnterprises } from '../enterprises/generate';
import { enterprises } from '../enterprises/tables';
import { createInspector, createItem } from './service';
import { selectItems } from './store';

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
  const actor: Actor = { ...systemActor(tenantId, '演示数据'), role: 'office' };
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
    classRules: {},
    active: true,
  });
  const people: Array<[string, string, string | null]> = [
    ['李队长', '33090200101', 'inspector'],
    ['陈明', '33090200102', null],
    ['刘洋', '33090200103', null],
  ];
  for (const [name, cert, username] of people) {
    await createInspector(db, actor, { userId: null, username, name, department: '区市场监管局', certificateNo: cert, qualifiedItemIds: [a.id, b.id], conflicts: [], active: true });
  }
}
