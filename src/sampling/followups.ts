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
import { CLOSED_DISPOSAL_STATES, DISPOSAL_STEPS, overdueFollowUpId, overdueFollowUpRef, type DisposalState } from './model';
import type { OpenDisposal } from './store';
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

// ---------------------------------------------------------------------------------------------------
// an overdue 后处理 (decision 046)
//
// The source kind 'sampling_disposal_overdue': the id names the disposal and the step that went overdue
// (overdueFollowUpId). Opened when a step's deadline passed without a passing 复查, or its 复查 failed;
// it may close once that step is behind: the next step was taken (escalated) or the 后处理 ended.

export const OVERDUE_FOLLOWUP_KIND = 'sampling_disposal_overdue';

async function describeOverdue(db: DbOrTx, tenantId: number, ids: number[]): Promise<Map<number, FollowUpSourceView>> {
  const out = new Map<number, FollowUpSourceView>();
  if (!ids.length) return out;
  const refs = ids.map((id) => ({ id, ...overdueFollowUpRef(id) }));
  const r = await db.execute<{ id: number; sample_id: number; sample_no: string; enterprise_name: string; product_name: string; step: number; state: string; deadline: string }>(sql`
    SELECT d.id, s.id AS sample_id, s.sample_no, s.enterprise_name, s.product_name, d.step, d.state, to_char(d.deadline, 'YYYY-MM-DD') AS deadline
    FROM sampling_disposals d JOIN sampling_samples s ON s.tenant_id = d.tenant_id AND s.id = d.sample_id
    WHERE d.tenant_id = ${tenantId} AND d.id IN (SELECT (jsonb_array_elements_text(${JSON.stringify([...new Set(refs.map((x) => x.disposalId))])}::jsonb))::bigint)`);
  const byId = new Map(r.rows.map((x) => [Number(x.id), x]));
  for (const ref of refs) {
    const x = byId.get(ref.disposalId);
    if (!x) continue;
    const step = Number(x.step);
    const ended = CLOSED_DISPOSAL_STATES.has(x.state as DisposalState);
    const moved = step > ref.step;
    const mayClose = ended || moved;
    const stepName = DISPOSAL_STEPS[ref.step] ?? '后处理';
    out.set(ref.id, {
      title: `${x.enterprise_name}（${x.product_name}，抽样单 ${x.sample_no}）${stepName}逾期未改正`,
      state: ended ? `后处理：${x.state}` : `${DISPOSAL_STEPS[step]}，${x.state}，期限 ${x.deadline}`,
      link: `/sampling/samples/${x.sample_id}`,
      mayClose,
      whyNot: mayClose ? null : `须依法进入下一步处理（${DISPOSAL_STEPS[ref.step + 1] ?? '—'}）或后处理结束（复查合格、免于整改）后，方可办结`,
    });
  }
  return out;
}

export const overdueDisposalFollowUpSource: FollowUpSourceKind = { kind: OVERDUE_FOLLOWUP_KIND, label: '逾期的不合格后处理', describe: describeOverdue };
registerFollowUpSource(overdueDisposalFollowUpSource);

/**
 * Opens the follow-up of an overdue 后处理 step (in the authority's default plan, for the sampling
 * plan's organising department), inside the caller's transaction. Answers whether one is open now.
 */
export async function openOverdueFollowUp(tx: DbOrTx, actor: Actor, d: OpenDisposal, today: string): Promise<boolean> {
  const m = d.department ? await matchDepartment(tx, actor.tenantId, d.department) : null;
  if (!m?.match) return false;
  const stepName = DISPOSAL_STEPS[d.step] ?? '后处理';
  const why = d.state === '复查不合格' ? '复查不合格' : `期限 ${d.deadline} 已过，未经复查合格`;
  const row = await openFollowUp(tx, actor, {
    source: { kind: OVERDUE_FOLLOWUP_KIND, id: overdueFollowUpId(d.disposalId, d.step) },
    planId: null,
    departmentId: m.match.department.id,
    title: `后处理逾期：${d.enterpriseName}（${d.productName}）${stepName}`,
    detail: `抽样单 ${d.sampleNo}：${why}（${today} 核查），依法进入下一步处理（${DISPOSAL_STEPS[d.step + 1] ?? '—'}）或办结后处理`,
  });
  return !!row;
}
