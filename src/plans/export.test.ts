// Taking a plan out: GET /api/plans/:id/export as Excel (read back with exceljs) and as a 公文 Word
// document (read back from word/document.xml), with targets' departments, latest values and status,
// and tasks' departments and progress; a department user cannot export another department's plan.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../org/auth/model';
import { createClock } from '../core/clock';
import { forEachDb } from '../core/db/testing';
import { callAs, fakeSessionApp } from '../server/testing';
import { progressReports, reportingPeriods, reportTargetValues, reportTaskItems } from './tables';
import { ensurePeriods } from './progress/service';
import { at, trackingFixture, type TrackingFixture } from './progress/testing';

forEachDb('plan export', (getDb) => {
  let app: FastifyInstance;
  let f: TrackingFixture;
  const sessions = new Map<string, Actor>();

  beforeAll(async () => {
    const { db } = getDb();
    f = await trackingFixture(db);
    sessions.set('office', f.office);
    sessions.set('deptC', f.deptC);
    await ensurePeriods(db, f.tenantId, f.planId, '2026-10-20');
    const q3 = (await db.select().from(reportingPeriods)).find((p) => p.planId === f.planId && p.label === '2026年第3季度')!;
    const [rep] = await db.insert(progressReports).values({ tenantId: f.tenantId, planId: f.planId, departmentId: f.depA, periodId: q3.id, status: 'accepted', submittedAt: at('2026-10-09') }).returning();
    await db.insert(reportTargetValues).values({ tenantId: f.tenantId, reportId: rep.id, targetId: f.t1, value: 93.5, asOf: '2026-09-30' });
    await db.insert(reportTaskItems).values({ tenantId: f.tenantId, reportId: rep.id, taskId: f.k1, status: 'in_progress', note: '已完成抽查两批次' });
    app = await fakeSessionApp(db, sessions, { clock: createClock(() => at('2026-10-20')).now });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('exports the plan to Excel with targets and tasks', async () => {
    const res = await callAs(app, 'office', 'GET', `/api/plans/${f.planId}/export?format=xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const t = wb.getWorksheet('目标')!;
    expect((t.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '指标', '目标', '截止', '牵头单位', '配合单位', '最新值', '数据日期', '状态']);
    const row = (t.getRow(3).values as unknown[]).slice(1);
    expect(row).toEqual([1, '产品质量监督抽查合格率', '不低于96%', '2027年', '区市场监管局', '', '93.5%', '2026-09-30', expect.stringMatching(/正常|预警|滞后/)]);
    const k = wb.getWorksheet('任务')!;
    expect((k.getRow(3).values as unknown[]).slice(1)).toEqual(['（一）', '开展产品质量提升行动', '—', '区市场监管局', '区科技局', '区市场监管局：进行中（2026年第3季度），已完成抽查两批次']);
    expect(String(k.getRow(4).getCell(6).value)).toBe('未报送');
  });

  it('exports the plan to Word in the official layout', async () => {
    const res = await callAs(app, 'office', 'GET', `/api/plans/${f.planId}/export?format=docx`);
    expect(res.statusCode, res.body).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');
    expect(text).toContain('质量强区建设实施方案（2026—2027年）执行情况');
    expect(text).toContain('一、主要目标');
    expect(text).toContain('1.产品质量监督抽查合格率：目标不低于96%（2027年）。牵头单位：区市场监管局。最新值：93.5%（截至2026-09-30）');
    expect(text).toContain('（一）开展产品质量提升行动');
    expect(text).toContain('牵头单位：区市场监管局；配合单位：区科技局');
    expect(text).toContain('抄送');
  });

  it('a department named nowhere in the plan cannot export it', async () => {
    expect((await callAs(app, 'deptC', 'GET', `/api/plans/${f.planId}/export?format=xlsx`)).statusCode).toBe(404);
  });
});
