// Source kinds of follow-up tasks. The plans room sits below the regulatory rooms and never imports
// them; each room that opens follow-ups registers its kind here when its module loads (so the server,
// the CLI and the demo seeding all have it: whatever publishes a record has imported its room).
//
// HOW A ROOM USES FOLLOW-UPS (the 双随机 room does it in src/inspections/followups.ts; 监督抽查 does the same):
//   1. register a kind once, at the top level of the room's module that opens follow-ups:
//        registerFollowUpSource({
//          kind: 'sampling_batch',                 // stable machine name, stored in plan_followups.source_kind
//          label: '监督抽查不合格批次',              // shown on the plan page
//          describe: async (db, tenantId, ids) => // one query for all ids: title, state in words, link,
//            new Map(...),                         // and mayClose/whyNot from the record's own state
//        });
//   2. open a task inside the transaction that changes the record (so both commit or neither):
//        await openFollowUp(tx, actor, { source: { kind: 'sampling_batch', id }, title, detail,
//                                        departmentId, planId /* null: the default plan */ });
//      openFollowUp answers null (and opens nothing) when there is no plan to open it in; the office
//      can open it later from the record (POST /api/plans/followups).
//   3. show the task on the record: followUpsOfSources(db, tenantId, kind, ids) → Map<id, FollowUpLink[]>.
//   4. closing (POST /api/plans/followups/:id/close) asks describe() and refuses while mayClose is false.
import type { DbOrTx } from '../../core/db/index';
import type { FollowUpSourceView } from './model';

export interface FollowUpSourceKind {
  kind: string;
  label: string;
  /** the records' views, one query for all ids; ids missing from the map are shown as gone */
  describe(db: DbOrTx, tenantId: number, ids: number[]): Promise<Map<number, FollowUpSourceView>>;
}

const kinds = new Map<string, FollowUpSourceKind>();

export function registerFollowUpSource(k: FollowUpSourceKind): void {
  kinds.set(k.kind, k);
}

export function followUpSource(kind: string): FollowUpSourceKind | undefined {
  return kinds.get(kind);
}
