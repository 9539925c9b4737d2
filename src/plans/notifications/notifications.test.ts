// Notifications with a moved clock: due soon (3 working days before), overdue, idempotent,
// per department, marked read; the test clock route exists only with ZHILIANG_TEST_CLOCK=1.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../org/auth/model';
import { forEachDb } from '../../core/db/testing';
import { callAs, fakeSessionApp } from '../../server/testing';
import type { NotificationListResponse } from '../progress/schemas';
import { createReport, ensurePeriods, submitReport, updateReport } from '../progress/service';
import { at, trackingFixture, type TrackingFixture } from '../progress/testing';
import { refreshNotifications } from './service';

forEachDb('notifications', (getDb) => {
  let app: FastifyInstance;
  let f: TrackingFixture;
  const sessions = new Map<string, Actor>();
  const call = (who: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => callAs(app, who, method, url, payload);
  const setClock = async (now: string) => {
    const res = await call(null, 'POST', '/api/test/clock', { now });
    expect(res.statusCode, res.body).toBe(200);
  };
  const list = async (who: string) => {
    const res = await call(who, 'GET', '/api/notifications');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as NotificationListResponse;
  };

  beforeAll(async () => {
    const { db } = getDb();
    f = await trackingFixture(db, { publishedAt: at('2026-07-02') });
    sessions.set('deptA', f.deptA);
    sessions.set('deptB', f.deptB);
    sessions.set('deptC', f.deptC);
    sessions.set('office', f.office);
    const before = process.env.ZHILIANG_TEST_CLOCK;
    process.env.ZHILIANG_TEST_CLOCK = '1';
    try {
      app = await fakeSessionApp(db, sessions);
    } finally {
      if (before === undefined) delete process.env.ZHILIANG_TEST_CLOCK;
      else process.env.ZHILIANG_TEST_CLOCK = before;
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('nothing before the reminder window (Q3 2026 is due 2026-10-13; reminders from 2026-10-09)', async () => {
    await setClock('2026-09-25');
    expect(await list('deptA')).toEqual({ items: [], unread: 0 });
    await setClock('2026-10-08');
    expect((await list('deptA')).items).toEqual([]);
  });

  it('due soon: each responsible department once, however often it is refreshed', async () => {
    await setClock('2026-10-09');
    const a = await list('deptA');
    expect(a.unread).toBe(1);
    expect(a.items[0]).toMatchObject({ kind: 'report_due', title: '2026年第3季度进度报送即将到期', readAt: null });
    expect(a.items[0].body).toContain('2026-10-13');
    expect(a.items[0].body).toContain('还剩 3 个工作日'); // Oct 10 (调休 Saturday), 12 and the due day 13
    expect(a.items[0].createdAt).toMatch(/^2026-10-09T01:/); // the server's clock (09:xx Beijing), not the wall clock
    expect((await list('deptA')).items).toHaveLength(1);
    expect((await list('deptB')).items.map((n) => n.kind)).toEqual(['report_due']);
    expect((await list('deptC')).items).toEqual([]);
    expect(await refreshNotifications(getDb().db, f.tenantId, '2026-10-09')).toBe(0);
  });

  it('overdue the day after the due date; a department that reported gets nothing more', async () => {
    await setClock('2026-10-14');
    const a = await list('deptA');
    expect(a.items.map((n) => n.kind)).toEqual(['report_overdue', 'report_due']);
    expect(a.items[0].body).toContain('已逾期 1 个工作日');
    expect(a.unread).toBe(2);

    // department B reports (late) on Oct 14
    const { db } = getDb();
    const periods = await ensurePeriods(db, f.tenantId, f.planId, '2026-10-14');
    const q3 = periods.find((p) => p.label === '2026年第3季度')!;
    const now = at('2026-10-14', '15:00');
    const d = await createReport(db, f.deptB, { planId: f.planId, periodId: q3.id }, now);
    const u = await updateReport(db, f.deptB, d.report.id, { version: d.report.version, text: '品牌培育进展顺利' }, now);
    await submitReport(db, f.deptB, u.report.id, u.report.version, now);

    await setClock('2026-10-20');
    expect((await list('deptB')).items.map((n) => n.kind)).toEqual(['report_overdue', 'report_due']); // the one from before it reported
    await setClock('2026-10-21');
    expect((await list('deptB')).items).toHaveLength(2);
    expect((await list('deptA')).items).toHaveLength(2);
  });

  it('marking read: one, then all; another department cannot touch them', async () => {
    const a = await list('deptA');
    const due = a.items.find((n) => n.kind === 'report_due')!;
    expect((await call('deptB', 'POST', `/api/notifications/${due.id}/read`)).statusCode).toBe(404);
    expect((await call('office', 'POST', `/api/notifications/${due.id}/read`)).statusCode).toBe(404);
    const read = await call('deptA', 'POST', `/api/notifications/${due.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).toBeTruthy();
    expect((await list('deptA')).unread).toBe(1);
    expect((await list('deptB')).unread).toBe(2);
    const all = await call('deptA', 'POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ updated: 1 });
    expect((await list('deptA')).unread).toBe(0);
    expect((await list('deptB')).unread).toBe(2);
    expect((await call(null, 'GET', '/api/notifications')).statusCode).toBe(401);
  });

  it('the test clock route rejects bad times and exists only with ZHILIANG_TEST_CLOCK=1', async () => {
    const bad = await call(null, 'POST', '/api/test/clock', { now: 'next tuesday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const plain = await fakeSessionApp(getDb().db, sessions);
    try {
      expect((await plain.inject({ method: 'POST', url: '/api/test/clock', payload: { now: '2030-01-01' } })).statusCode).toBe(404);
      expect((await plain.inject({ method: 'GET', url: '/api/test/clock' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
