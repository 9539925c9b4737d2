// Request and response shapes of follow-up tasks (the web imports them as types).
import { z } from 'zod';
import { Id, IsoDate, Timestamp } from '../../core/http/schemas';
import { FOLLOWUP_STATES } from './model';

export const FollowUpSourceRefBody = z.object({
  kind: z.string().trim().min(1).max(60).meta({ title: '来源类型', example: 'inspection_object' }),
  id: Id,
});

export const OpenFollowUpBody = z
  .object({
    source: FollowUpSourceRefBody,
    planId: Id.nullable().default(null).meta({ description: '空：默认计划' }),
    departmentId: Id,
    title: z.string().trim().max(200).optional(),
    detail: z.string().max(2000).optional(),
    dueDate: IsoDate.nullable().default(null),
  })
  .meta({ id: 'OpenFollowUpBody' });
export type OpenFollowUpBody = z.input<typeof OpenFollowUpBody>;

export const CloseFollowUpBody = z.object({ note: z.string().max(2000).default(''), version: z.number().int().min(1) }).meta({ id: 'CloseFollowUpBody' });
export type CloseFollowUpBody = z.input<typeof CloseFollowUpBody>;

export const FollowUpSourceViewOut = z.object({
  title: z.string(),
  state: z.string(),
  link: z.string(),
  mayClose: z.boolean(),
  whyNot: z.string().nullable(),
});

export const FollowUpOut = z
  .object({
    id: Id,
    planId: Id,
    planTitle: z.string(),
    departmentId: Id,
    departmentName: z.string(),
    sourceKind: z.string(),
    sourceId: Id,
    sourceLabel: z.string(),
    source: FollowUpSourceViewOut.nullable().meta({ description: '来源记录的现状（空：记录已不存在）' }),
    title: z.string(),
    detail: z.string(),
    dueDate: IsoDate.nullable(),
    state: z.enum(FOLLOWUP_STATES),
    openedByName: z.string(),
    openedAt: Timestamp,
    closedByName: z.string().nullable(),
    closedAt: Timestamp.nullable(),
    closingNote: z.string().nullable(),
    canClose: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'FollowUp' });
export type FollowUpOut = z.infer<typeof FollowUpOut>;

export const FollowUpListResponse = z.object({ items: z.array(FollowUpOut) }).meta({ id: 'FollowUpList' });
export type FollowUpListResponse = z.infer<typeof FollowUpListResponse>;

/** A follow-up as the source record shows it. */
export const FollowUpLinkOut = z.object({
  id: Id,
  planId: Id,
  title: z.string(),
  planTitle: z.string(),
  departmentName: z.string(),
  state: z.enum(FOLLOWUP_STATES),
  dueDate: IsoDate.nullable(),
});
export type FollowUpLinkOut = z.infer<typeof FollowUpLinkOut>;

export const FollowUpSettingsBody = z.object({ defaultPlanId: Id.nullable(), version: z.number().int().min(0) }).meta({ id: 'FollowUpSettingsBody' });
export const FollowUpSettingsResponse = z
  .object({ defaultPlanId: Id.nullable(), version: z.number().int(), effectivePlan: z.object({ id: Id, title: z.string() }).nullable() })
  .meta({ id: 'FollowUpSettings' });
export type FollowUpSettingsResponse = z.infer<typeof FollowUpSettingsResponse>;
