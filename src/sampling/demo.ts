// The demo authority's sampling year on first start (issue 12, "Demo"): three plans of this year with
// one task each, 20 batches from the directory — most passing, three failing (one re-tested on the
// reserve sample and confirmed, now in 整改; one whose 复检 window is still open; one corrected and
// passed at 复查), one not tested, two awaiting results. Written in one transaction with a handful of
// multi-row inserts (start-up time matters), one audit entry.
import { sql } from 'drizzle-orm';
import type { Db } from '../core/db/index';
import { systemActor } from '../org/auth/model';
import { writeAudit } from '../org/audit/service';
import { todayInShanghai } from '../org/calendar/index';
import { catalogueName } from './catalogue';
import { DEFAULT_SAMPLING_SETTINGS as S, plusDays, productKey, rectifyDeadline } from './model';
import * as store from './store';
import { samplingSamples } from './tables';
import { insertEvent as insertCreditEvent } from '../credit/store';

type Outcome = 'pass' | 'fail-retested' | 'fail-open' | 'fail-corrected' | 'untested' | 'pending';

const PLANS: Array<{ code: string; name: string; brand: string; standard: string; items: Array<[string, string, string, string]>; outcomes: Outcome[] }> = [
  {
    code: '010110',
    name: '电热水壶',
    brand: '舟电',
    standard: 'GB 4706.19-2008',
    items: [
      ['对触及带电部件的防护', '第8章', '试验指不能触及带电部件', '不能触及'],
      ['泄漏电流和电气强度', '第16章', '泄漏电流≤0.75mA', '0.21mA'],
      ['标志和说明', '第7章', '应有额定电压、功率等标志', '符合'],
    ],
    outcomes: ['pass', 'pass', 'fail-retested', 'pass', 'pass', 'untested', 'pass', 'pending'],
  },
  {
    code: '040101',
    name: '电线电缆',
    brand: '海缆',
    standard: 'GB/T 5023.3-2008',
    items: [
      ['导体电阻', '第2.4条', '≤7.41Ω/km（2.5mm²）', '7.32Ω/km'],
      ['绝缘厚度', '第2.2条', '平均值≥0.8mm', '0.83mm'],
    ],
    outcomes: ['pass', 'fail-corrected', 'pass', 'pass', 'pass', 'pending'],
  },
  {
    code: '060105',
    name: '童鞋',
    brand: '小舟',
    standard: 'GB 30585-2014',
    items: [
      ['可分解致癌芳香胺染料', '第4.1条', '≤30mg/kg', '未检出'],
      ['鞋帮带长度', '第4.5条', '≤30cm', '26cm'],
    ],
    outcomes: ['pass', 'pass', 'fail-open', 'pass', 'pass', 'pass'],
  },
];

const FAILED_VALUE: Record<string, string> = { 对触及带电部件的防护: '可触及', 导体电阻: '8.96Ω/km', 可分解致癌芳香胺染料: '46mg/kg' };

export async function seedSamplingDemo(db: Db, tenantId: number, clock?: () => Date): Promise<void> {
  if ((await store.selectPlans(db, tenantId)).length > 0) return;
  const ents = await db.execute<{ id: string; credit_code: string; name: string; region_code: string | null }>(
    sql`SELECT id, credit_code, name, region_code FROM enterprises WHERE tenant_id = ${tenantId} AND status IN ('存续', '在业') ORDER BY (industry_section = 'C') DESC, id LIMIT 20`,
  );
  if (ents.rows.length < 20) return;
  const today = todayInShanghai(clock);
  const year = Number(today.slice(0, 4));
  const actor = systemActor(tenantId, '系统（示范数据）');
  await db.transaction(async (tx) => {
    let e = 0;
    let no = 0;
    for (const p of PLANS) {
      const plan = await store.insertPlan(tx, {
        tenantId,
        year,
        name: `${year}年${p.name}产品质量县级监督抽查`,
        level: '县级监督抽查',
        productCode: p.code,
        productName: catalogueName(p.code)!,
        plannedBatches: p.outcomes.length,
        stage: '生产',
        department: '区市场监管局',
      });
      const task = await store.insertTask(tx, { tenantId, planId: plan.id, testingBody: '示范区产品质量检验所', batches: p.outcomes.length, dueOn: `${year}-12-31` });
      const rows = p.outcomes.map((outcome, i) => {
        const ent = ents.rows[e++]!;
        // failures early enough for their story; the others spread over the last months
        const sampledOn = outcome === 'fail-open' ? plusDays(today, -20) : plusDays(today, -(75 + i * 9));
        const reportOn = plusDays(sampledOn, 10);
        const model = `${p.brand.slice(0, 1)}-${100 + i}`;
        const failed = outcome.startsWith('fail');
        const tested = outcome !== 'untested' && outcome !== 'pending';
        return {
          outcome,
          row: {
            tenantId,
            planId: plan.id,
            taskId: task.id,
            sampleNo: `SF${year}-${String(++no).padStart(3, '0')}`,
            enterpriseId: Number(ent.id),
            creditCode: ent.credit_code,
            enterpriseName: ent.name,
            regionCode: ent.region_code ?? '',
            productCode: p.code,
            productName: p.name,
            brand: p.brand,
            model,
            batchNo: sampledOn.replaceAll('-', ''),
            standard: p.standard,
            productKey: productKey({ enterpriseId: Number(ent.id), productCode: p.code, brand: p.brand, model, standard: p.standard }),
            purpose: '常规抽查',
            sampledOn,
            year: Number(sampledOn.slice(0, 4)),
            samplers: ['陈明', '刘洋'],
            reserveKept: true,
            state: tested ? '已检验' : outcome === 'untested' ? '未检验' : '待检验',
            untestedReason: outcome === 'untested' ? '企业已停产，无库存产品可供检验' : null,
            firstConclusion: tested ? (failed ? '不合格' : '合格') : null,
            conclusion: tested ? (failed ? '不合格' : '合格') : null,
            reportOn: outcome === 'pending' ? null : reportOn,
            reportNo: tested ? `JY${sampledOn.replaceAll('-', '')}${no}` : null,
            notifiedOn: failed ? plusDays(reportOn, 2) : null,
            finalOn: !tested ? null : !failed ? reportOn : outcome === 'fail-open' ? null : plusDays(reportOn, outcome === 'fail-retested' ? 30 : 2 + S.retestRequestDays + 1),
          },
        };
      });
      const inserted = await tx.insert(samplingSamples).values(rows.map((r) => r.row)).returning();
      const results: Array<Parameters<typeof store.insertResults>[1][number]> = [];
      for (const [i, s] of inserted.entries()) {
        const outcome = rows[i]!.outcome;
        if (s.state !== '已检验') continue;
        for (const [k, [item, clause, required, measured]] of p.items.entries()) {
          const bad = outcome.startsWith('fail') && k === 0;
          results.push({ tenantId, sampleId: s.id, stage: '初检', item, clause: `${p.standard} ${clause}`, required, measured: bad ? FAILED_VALUE[item]! : measured, verdict: bad ? '不合格' : '合格' });
        }
        if (outcome === 'fail-retested') {
          const [item, clause, required] = p.items[0]!;
          results.push({ tenantId, sampleId: s.id, stage: '复检', item, clause: `${p.standard} ${clause}`, required, measured: FAILED_VALUE[item]!, verdict: '不合格' });
          await store.insertRetest(tx, { tenantId, sampleId: s.id, requestedOn: plusDays(s.notifiedOn!, 6), disputedItems: [item], retestBody: '浙江省产品质量检验研究院', state: '已完成', conclusion: '不合格', concludedOn: s.finalOn });
        }
        if (outcome === 'fail-retested' || outcome === 'fail-corrected') {
          // the final failure in the credit record, as service.failureBecameFinal writes it
          await insertCreditEvent(tx, {
            tenantId,
            enterpriseId: s.enterpriseId,
            kind: 'sampling_failed',
            occurredOn: s.finalOn!,
            title: `${s.productName}（${s.brand} ${s.model}）监督抽查不合格`,
            detail: `抽样单 ${s.sampleNo}，检验报告 ${s.reportNo ?? ''}`,
            source: 'domain',
            enteredByName: '系统（示范数据）',
          });
          const orderedOn = plusDays(s.finalOn!, 3);
          const deadline = rectifyDeadline(orderedOn, S);
          const corrected = outcome === 'fail-corrected';
          const recheckOn = plusDays(orderedOn, 25);
          await store.insertDisposal(tx, {
            tenantId,
            sampleId: s.id,
            noticeNo: `示市监责改〔${year}〕${s.id}号`,
            orderedOn,
            deadline,
            state: corrected ? '复查合格' : '整改中',
            recheckOn: corrected ? recheckOn : null,
            closedOn: corrected ? recheckOn : null,
            events: [
              { on: orderedOn, kind: 'order', text: `下达责令整改通知书，${deadline} 前完成整改并申请复查`, by: '系统（示范数据）' },
              ...(corrected ? [{ on: recheckOn, kind: 'recheck', text: '复查合格，后处理完成', by: '系统（示范数据）' }] : []),
            ],
          });
        }
      }
      await store.insertResults(tx, results);
    }
    await writeAudit(tx, { actor, action: 'sampling_demo.create', entityType: 'sampling_settings', entityId: tenantId, after: { plans: PLANS.length, samples: no } });
  });
}
