// Routes of follow-up tasks (thin). Authorization in the service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, idNumber } from '../../core/http/actor';
import type { ApiContext } from '../../core/http/context';
import { ErrorBody } from '../../core/http/errors';
import { Id } from '../../core/http/schemas';
import { can } from '../../org/auth/policy';
import type { Actor } from '../../org/auth/model';
import { CloseFollowUpBody, FollowUpListResponse, FollowUpOut, FollowUpSettingsBody, FollowUpSettingsResponse, OpenFollowUpBody } from './schemas';
import * as svc from './service';
import type { FollowUpRow } from './tables';
import type { FollowUpWithNames } from './store';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const params = z.object({ id: Id });

export function followUpLinkJson(f: FollowUpWithNames) {
  return { id: String(f.id), planId: String(f.planId), title: f.title, planTitle: f.planTitle, departmentName: f.departmentName, state: f.state as 'open' | 'closed', dueDate: f.dueDate };
}

const out = (f: svc.FollowUpView, actor: Actor): FollowUpOut => ({
  id: String(f.id),
  planId: String(f.planId),
  planTitle: f.planTitle,
  departmentId: String(f.departmentId),
  departmentName: f.departmentName,
  sourceKind: f.sourceKind,
  sourceId: String(f.sourceId),
  sourceLabel: f.sourceLabel,
  source: f.source,
  title: f.title,
  detail: f.detail,
  dueDate: f.dueDate,
  state: f.state as FollowUpOut['state'],
  openedByName: f.openedByName,
  openedAt: f.openedAt.toISOString(),
  closedByName: f.closedByName,
  closedAt: f.closedAt ? f.closedAt.toISOString() : null,
  closingNote: f.closingNote,
  canClose: f.state === 'open' && !!f.source?.mayClose && (can(actor, 'plans:manage') || (actor.role === 'department' && actor.departmentId === f.departmentId)),
  version: f.version,
});

export async function followUpRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['后续任务'];
  const security = [{ session: [] }];
  r.get('/plans/:id/followups', { schema: { tags, security, summary: '计划的后续任务（含来源记录的现状）', params, response: { 200: FollowUpListResponse, ...errors } } }, async (request) => {
    const actor = actorOf(request);
    return { items: (await svc.listFollowUps(ctx.db, actor, idNumber(request.params.id))).map((f) => out(f, actor)) };
  });
  r.post(
    '/plans/followups',
    { schema: { tags, security, summary: '从业务记录开设后续任务（质量办）', description: '计划为空时开在默认计划。同一记录只有一个办理中的后续任务。', body: OpenFollowUpBody, response: { 200: z.object({ id: Id, planId: Id }), ...errors } } },
    async (request) => {
      const b = request.body;
      const row: FollowUpRow = await svc.openFollowUpAsOffice(ctx.db, actorOf(request), {
        source: { kind: b.source.kind, id: idNumber(b.source.id) },
        planId: b.planId === null ? null : idNumber(b.planId),
        departmentId: idNumber(b.departmentId),
        ...(b.title ? { title: b.title } : {}),
        ...(b.detail !== undefined ? { detail: b.detail } : {}),
        dueDate: b.dueDate,
      });
      return { id: String(row.id), planId: String(row.planId) };
    },
  );
  r.post('/plans/followups/:id/close', { schema: { tags, security, summary: '办结后续任务（来源记录须已处置完毕）', params, body: CloseFollowUpBody, response: { 200: FollowUpOut, ...errors } } }, async (request) => {
    const actor = actorOf(request);
    return out(await svc.closeFollowUp(ctx.db, actor, idNumber(request.params.id), request.body, ctx.clock()), actor);
  });
  r.get('/plans/followups/settings', { schema: { tags, security, summary: '后续任务的默认计划', response: { 200: FollowUpSettingsResponse, ...errors } } }, async (request) => json(await svc.getFollowUpSettings(ctx.db, actorOf(request))));
  r.put('/plans/followups/settings', { schema: { tags, security, summary: '设置后续任务的默认计划', body: FollowUpSettingsBody, response: { 200: FollowUpSettingsResponse, ...errors } } }, async (request) =>
    json(await svc.saveFollowUpSettings(ctx.db, actorOf(request), { defaultPlanId: request.body.defaultPlanId === null ? null : idNumber(request.body.defaultPlanId), version: request.body.version })),
  );
}

function json(s: Awaited<ReturnType<typeof svc.getFollowUpSettings>>) {
  return {
    defaultPlanId: s.defaultPlanId === null ? null : String(s.defaultPlanId),
    version: s.version,
    effectivePlan: s.effectivePlan ? { id: String(s.effectivePlan.id), title: s.effectivePlan.title } : null,
  };
}
