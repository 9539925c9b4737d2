// The admin enters next year's State Council schedule over HTTP: validated all at once, audited,
// platform-wide (another authority's calendar follows), the 驾驶舱 warning goes away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../org/auth/model';
import { createUser } from '../org/auth/users';
import { forEachDb } from '../core/db/testing';
import { DEMO_PASSWORD } from '../org/seed';
import { createTenant, listTenants } from '../org/tenancy/service';
import { seededApp, signIn, type TestApp } from './testing';
import { loadCalendar } from '../org/calendar/store';

forEachDb('official holiday schedule', (getDb) => {
  let t: TestApp;
  let admin: string;
  let office: string;
  let tenant2: number;

  const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const put = (url: string, cookie: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: { cookie }, payload });
  /** Moves the app's clock to a moment (the test clock counts from the wall clock). */
  const setNow = (iso: string) => t.advance(new Date(iso).getTime() - t.now().getTime());

  const schedule2027 = {
    documentNumber: '国办发明电〔2026〕99号',
    title: '国务院办公厅关于2027年部分节假日安排的通知（测试用）',
    days: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      ...['05', '06', '07', '08', '09', '10', '11', '12'].map((d) => ({ date: `2027-02-${d}`, kind: 'holiday', name: '春节' })),
      { date: '2027-02-20', kind: 'workday', name: '春节' },
      { date: '2027-04-05', kind: 'holiday', name: '清明节' },
      ...['01', '02', '03', '04', '05'].map((d) => ({ date: `2027-05-${d}`, kind: 'holiday', name: '劳动节' })),
      { date: '2027-06-09', kind: 'holiday', name: '端午节' },
      { date: '2027-09-15', kind: 'holiday', name: '中秋节' },
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2027-10-${d}`, kind: 'holiday', name: '国庆节' })),
      { date: '2027-09-26', kind: 'workday', name: '国庆节' },
      { date: '2027-10-09', kind: 'workday', name: '国庆节' },
    ],
  };

  beforeAll(async () => {
    t = await seededApp(getDb().db);
    const tenant1 = (await listTenants(t.db))[0].id;
    tenant2 = (await createTenant(t.db, { name: '另一区', regionCode: '330902' })).id;
    await createUser(t.db, systemActor(tenant2), { username: 'admin2', displayName: '另一区管理员', role: 'admin', password: 'OtherAdmin123' });
    admin = await signIn(t.app, 'admin', DEMO_PASSWORD, tenant1);
    office = await signIn(t.app, 'office', DEMO_PASSWORD, tenant1);
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('shows 2027 as 推算 before anything is entered', async () => {
    const res = await get('/api/admin/calendar/2027', admin);
    expect(res.statusCode, res.body).toBe(200);
    const y = res.json();
    expect(y).toMatchObject({ year: 2027, status: 'estimate', officialFrom: null, documentNumber: null });
    expect(y.days.find((d: { date: string }) => d.date === '2027-01-01')).toMatchObject({ working: false, source: 'estimate', sourceLabel: '法定节假日推算' });
    expect(y.statutory).toHaveLength(13);
    expect((await get('/api/calendar/days/2027-10-04', office)).json()).toMatchObject({ working: true, sourceLabel: '常规工作日' });
  });

  it('warns the office on the 驾驶舱 from 1 November 2026, not on 31 October', async () => {
    setNow('2026-10-31T12:00:00+08:00');
    expect((await get('/api/calendar/status', office)).json().warning).toBeNull();
    setNow('2026-11-01T09:00:00+08:00');
    const status = (await get('/api/calendar/status', office)).json();
    expect(status.warning).toMatchObject({ year: 2027 });
    expect(status.warning.message).toContain('2027 年的国务院放假安排尚未录入');
    expect(status.years).toContainEqual({ year: 2027, status: 'estimate' });
  });

  it('refuses the office, and reports every problem of a bad entry at once without writing anything', async () => {
    expect((await put('/api/admin/calendar/2027/official', office, schedule2027)).statusCode).toBe(403);
    const bad = await put('/api/admin/calendar/2027/official', admin, {
      documentNumber: '国办发明电〔2026〕99号',
      days: [
        { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2027-10-01', kind: 'holiday', name: '国庆节' }, // twice
        { date: '2027-10-08', kind: 'workday', name: '国庆节' }, // a Friday
        { date: '2028-01-01', kind: 'holiday', name: '元旦' }, // next year
      ],
    });
    expect(bad.statusCode).toBe(400);
    const messages = bad.json().details.fields.map((f: { message: string }) => f.message);
    expect(messages).toHaveLength(3);
    expect(messages.join('\n')).toMatch(/录入了两次[\s\S]*调休上班日应为周六或周日[\s\S]*不属于 2027 年/);
    const missingNumber = await put('/api/admin/calendar/2027/official', admin, { ...schedule2027, documentNumber: '' });
    expect(missingNumber.statusCode).toBe(400);
    expect(missingNumber.json().message).toContain('文号');
    expect((await get('/api/admin/calendar/2027', admin)).json().status).toBe('estimate');
  });

  it('enters the schedule: the year turns official, 调休 applies, the warning goes, and the audit log has it', async () => {
    const res = await put('/api/admin/calendar/2027/official', admin, schedule2027);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.warnings).toEqual([]); // every statutory day is in it
    expect(body.year).toMatchObject({ status: 'official', officialFrom: 'entered', documentNumber: '国办发明电〔2026〕99号', enteredBy: expect.any(String) });
    expect((await get('/api/calendar/days/2027-10-04', office)).json()).toMatchObject({ working: false, source: 'official', sourceLabel: '官方安排' });
    expect((await get('/api/calendar/days/2027-10-09', office)).json()).toMatchObject({ working: true, kind: 'adjusted_workday' });
    expect((await get('/api/calendar/status', office)).json().warning).toBeNull();

    const audit = (await get('/api/admin/audit?entityType=calendar_year', admin)).json();
    expect(audit.items[0]).toMatchObject({ action: 'calendar.official.enter', entityId: '2027' });
    expect(audit.items[0].after.documentNumber).toBe('国办发明电〔2026〕99号');
  });

  it('holds for every authority on the platform, under each one’s local adjustments', async () => {
    const other = await loadCalendar(t.db, tenant2);
    expect(other.dayInfo('2027-10-04')).toMatchObject({ working: false, source: 'official' });
    expect(other.addWorkingDays('2027-09-30', 1)).toBe('2027-10-08');
  });

  it('warns about statutory days the entry leaves out, replaces it, and removal brings the estimate back', async () => {
    const partial = await put('/api/admin/calendar/2027/official', admin, {
      ...schedule2027,
      days: schedule2027.days.filter((d) => d.date !== '2027-06-09'),
    });
    expect(partial.statusCode).toBe(200);
    expect(partial.json().warnings).toEqual([expect.stringContaining('2027-06-09（端午节）应放假')]);
    expect((await get('/api/calendar/days/2027-06-09', office)).json()).toMatchObject({ working: true });

    const del = await t.app.inject({ method: 'DELETE', url: '/api/admin/calendar/2027/official', headers: { cookie: admin } });
    expect(del.statusCode).toBe(200);
    expect((await get('/api/calendar/days/2027-06-09', office)).json()).toMatchObject({ working: false, source: 'estimate' });
    const actions = (await get('/api/admin/audit?entityType=calendar_year', admin)).json().items.map((i: { action: string }) => i.action);
    expect(actions.slice(0, 3)).toEqual(['calendar.official.remove', 'calendar.official.replace', 'calendar.official.enter']);
  });
});
