// 双随机 results in the plans' follow-up tasks (后续任务) and in credit, at publication.
//
// The follow-up source kind 'inspection_object': the id is the drawn object (one per enterprise and
// campaign); its results are the object's versions. A follow-up may close when the latest version is
// published and either records the 后续处置 as done or carries a code that needs none (a correction).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../core/db/index';
import type { Actor } from '../org/auth/model';
import { matchDepartment } from '../org/departments/service';
import { proposeAbnormalListing, recordDomainEvent, withdrawDomainEvent, withdrawProposal } from '../credit/service';
import { registerFollowUpSource, type FollowUpSourceKind } from '../plans/followups/registry';
import { openFollowUp } from '../plans/followups/service';
import type { FollowUpSourceView } from '../plans/followups/model';
import { CODES_NEEDING_FOLLOW_UP, UNREACHABLE_CODE } from './model';
import type { CampaignRow, ObjectRow, ResultRow } from './tables';

export const INSPECTION_FOLLOWUP_KIND = 'inspection_object';

/** The view of drawn objects for the plan page: enterprise, latest result, whether the follow-up may close. */
async function describe(db: DbOrTx, tenantId: number, ids: number[]): Promise<Map<number, FollowUpSourceView>> {
  const out = new Map<number, FollowUpSourceView>();
  if (!ids.length) return out;
  const r = await db.execute<{ id: number; campaign_id: number; campaign_name: string; enterprise_name: string; state: string | null; result_code: string | null; follow_up: string | null; follow_up_done: boolean | null }>(sql`
    SELECT o.id, o.campaign_id, c.name AS campaign_name, o.enterprise_name, r.state, r.result_code, r.follow_up, r.follow_up_done
    FROM (SELECT (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::bigint AS id) x
    JOIN inspection_objects o ON o.tenant_id = ${tenantId} AND o.id = x.id
    JOIN inspection_campaigns c ON c.tenant_id = o.tenant_id AND c.id = o.campaign_id
    LEFT JOIN LATERAL (
      SELECT state, result_code, follow_up, follow_up_done FROM inspection_results v
      WHERE v.tenant_id = o.tenant_id AND v.object_id = o.id ORDER BY v.version DESC LIMIT 1) r ON TRUE`);
  for (const x of r.rows) {
    const needs = !!x.result_code && CODES_NEEDING_FOLLOW_UP.has(x.result_code);
    const published = x.state === '已公示';
    const done = published && (!needs || !!x.follow_up_done);
    const state = !x.state
      ? '未录入结果'
      : `${x.state}：${x.result_code}${needs ? (x.follow_up_done ? '，后续处置已完成' : '，后续处置未完成') : ''}`;
    out.set(Number(x.id), {
      title: `${x.enterprise_name}（${x.campaign_name}）${x.result_code ? `：${x.result_code}` : ''}`,
      state,
      link: `/inspections/campaigns/${x.campaign_id}?object=${x.id}`,
      mayClose: done,
      whyNot: done
        ? null
        : x.state === '待审核'
          ? '更新的检查结果正在审核'
          : '检查人员录入“后续处置已完成”的结果并经审核公示后，方可办结',
    });
  }
  return out;
}

export const inspectionFollowUpSource: FollowUpSourceKind = { kind: INSPECTION_FOLLOWUP_KIND, label: '双随机抽查结果', describe };
// registered when the room loads: every entry point that publishes results (server, CLI, demo) has it
registerFollowUpSource(inspectionFollowUpSource);

/** The directory's department for a campaign: the first of its items' (or joined) departments that the directory knows exactly. */
export async function responsibleDepartment(tx: DbOrTx, tenantId: number, names: string[]): Promise<number | null> {
  for (const n of names) {
    const m = await matchDepartment(tx, tenantId, n);
    if (m.match) return m.match.department.id;
  }
  return null;
}

/**
 * What a result's publication writes beyond itself, in the publication's transaction:
 * - a problem found (a code calling for 后续处置): a credit event 双随机抽查发现问题, once per object (a
 *   correction that still finds a problem keeps it; one that finds none withdraws it);
 * - 通过登记的住所(经营场所)无法联系: a proposed 经营异常名录 listing (待作出列入决定) the office confirms in the
 *   credit lists (a correction to another code drops the proposal while it is still pending);
 * - a problem whose 后续处置 is not done: a follow-up task for the responsible department in the default
 *   plan (when the directory knows the department and a plan exists; else the office opens it from the page).
 * Answers the credit ids to keep on the published version.
 */
export async function onPublished(
  tx: DbOrTx,
  actor: Actor,
  c: CampaignRow,
  o: ObjectRow,
  r: ResultRow,
  previous: ResultRow | undefined,
  departmentNames: string[],
): Promise<{ creditEventId: number | null; listingId: number | null }> {
  const problem = CODES_NEEDING_FOLLOW_UP.has(r.resultCode);
  let creditEventId = previous?.creditEventId ?? null;
  let listingId = previous?.listingId ?? null;
  if (problem && !creditEventId) {
    const ev = await recordDomainEvent(tx, actor, o.enterpriseId, {
      kind: 'inspection_problem',
      occurredOn: r.inspectedOn,
      title: `双随机抽查发现问题：${r.resultCode}`,
      detail: [`${c.name}`, r.findings, r.followUp ? `后续处置：${r.followUp}` : ''].filter(Boolean).join('；'),
    });
    creditEventId = ev.id;
  } else if (!problem && creditEventId) {
    await withdrawDomainEvent(tx, actor, creditEventId, r.inspectedOn);
    creditEventId = null;
  }
  if (r.resultCode === UNREACHABLE_CODE && !listingId) {
    listingId = (await proposeAbnormalListing(tx, actor, o.enterpriseId, { reason: 'unreachable', groundsOn: r.inspectedOn })).id;
  } else if (r.resultCode !== UNREACHABLE_CODE && listingId) {
    await withdrawProposal(tx, actor, listingId, '双随机抽查结果已更正');
    listingId = null;
  }
  if (problem && !r.followUpDone) {
    const departmentId = await responsibleDepartment(tx, actor.tenantId, departmentNames);
    if (departmentId !== null) {
      await openFollowUp(tx, actor, {
        source: { kind: INSPECTION_FOLLOWUP_KIND, id: o.id },
        planId: null,
        departmentId,
        title: `后续处置：${o.enterpriseName}（${r.resultCode}）`,
        detail: [r.findings, r.followUp].filter(Boolean).join('；'),
      });
    }
  }
  return { creditEventId, listingId };
}
