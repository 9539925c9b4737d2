// 监督抽查 in the plans' follow-up tasks (后续任务), issue 12 "the loop back to the plan".
//
// The source kind 'sampling_sample': the id is the sample (one batch). A failure that has become final
// (failureBecameFinal: the 复检 window passed, or the 复检 confirmed it) opens a task for the sampling
// plan's organising department (the plan's 组织部门 as the department directory knows it; when it does
// not know the name, nothing opens) in the authority's default plan. The task may close once the
// sample's 后处理 has ended: 复查合格, 免于整改 or 已吊销 (CLOSED_DISPOSAL_STATES).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../core/db/index';
import type { Actor } from '../org/auth/model';
import { matchDepartment } from '../org/departments/service';
import { registerFollowUpSource, type FollowUpSourceKind } from '../plans/followups/registry';
import { openFollowUp } from '../plans/followups/service';
import type { FollowUpSourceView } from '../plans/followups/model';
import { CLOSED_DISPOSAL_STATES, type DisposalState } from './model';
import type { SampleRow } from './tables';

export const SAMPLING_FOLLOWUP_KIND = 'sampling_sample';

async function describe(db: DbOrTx, tenantId: number, ids: number[]): Promise<Map<number, FollowUpSourceView>> {
  const out = new Map<number, FollowUpSourceView>();
  if (!ids.length) return out;
  const r = await db.execute<{ id: number; sample_no: string; enterprise_name: string; product_name: string; conclusion: string | null; disposal_state: string | null }>(sql`
    SELECT s.id, s.sample_no, s.enterprise_name, s.product_name, s.conclusion, d.state AS disposal_state
    FROM (SELECT (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::bigint AS id) x
    JOIN sampling_samples s ON s.tenant_id = ${tenantId} AND s.id = x.id
    LEFT JOIN sampling_disposals d ON d.tenant_id = s.tenant_id AND d.sample_id = s.id`);
  for (const x of r.rows) {
    const ended = !!x.disposal_state && CLOSED_DISPOSAL_STATES.has(x.disposal_state as DisposalState);
    const overturned = x.conclusion === '合格'; // a later 复检 found it 合格: nothing left to do
    const mayClose = ended || overturned;
    out.set(Number(x.id), {
      title: `${x.enterprise_name}（${x.product_name}，抽样单 ${x.sample_no}）监督抽查不合格`,
      state: overturned ? '复检合格' : x.disposal_state ? `后处理：${x.disposal_state}` : '尚未下达责令整改',
      link: `/sampling/samples/${x.id}`,
      mayClose,
      whyNot: mayClose ? null : '该批次的后处理结束（复查合格、免于整改或已吊销）后，方可办结',
    });
  }
  return out;
}

export const samplingFollowUpSource: FollowUpSourceKind = { kind: SAMPLING_FOLLOWUP_KIND, label: '监督抽查不合格批次', describe };
// registered when the room loads: every entry point that concludes samples (server, CLI, demo) has it
registerFollowUpSource(samplingFollowUpSource);

/** Opens the follow-up of a failure that has become final, in the failure's own transaction. */
export async function openSamplingFollowUp(tx: DbOrTx, actor: Actor, sample: SampleRow, organisingDepartment: string): Promise<void> {
  const m = organisingDepartment ? await matchDepartment(tx, actor.tenantId, organisingDepartment) : null;
  if (!m?.match) return;
  await openFollowUp(tx, actor, {
    source: { kind: SAMPLING_FOLLOWUP_KIND, id: sample.id },
    planId: null,
    departmentId: m.match.department.id,
    title: `不合格产品后处理：${sample.enterpriseName}（${sample.productName}）`,
    detail: `抽样单 ${sample.sampleNo}${sample.brand ? `，${sample.brand}` : ''}${sample.model ? ` ${sample.model}` : ''}：依法责令整改、复查，直至后处理结束`,
  });
}
