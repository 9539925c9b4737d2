// Take a plan out: the plan with its targets (goal, deadline, departments, latest value, status) and
// tasks (departments, latest progress) as an Excel workbook (exceljs) and as a Word document in the
// official layout (src/reports/docx, GB/T 9704). Both read what the plan page shows: getPlan for the
// items, getPlanTracking for statuses and latest values, as of `today`.
import { loadExcel } from '../core/excel';
import type { Actor } from '../org/auth/model';
import type { Db } from '../core/db/index';
import { buildOfficialDocx, type OfficialBlock } from '../reports/docx/official';
import { book, chineseNumber, defaultCopyTo, targetGoalText } from './notices/model';
import { defaultIssuer } from './notices/service';
import { TARGET_STATUS_LABELS } from './progress/model';
import { getPlanTracking } from './progress/service';
import { TASK_PROGRESS_LABELS, type TaskProgress } from './model';
import { getPlan } from './service';

export { DOCX_MIME, XLSX_MIME } from './model';
import { DOCX_MIME, XLSX_MIME } from './model';

export const TARGET_COLUMNS = ['序号', '指标', '目标', '截止', '牵头单位', '配合单位', '最新值', '数据日期', '状态'] as const;
export const TASK_COLUMNS = ['序号', '任务', '截止', '牵头单位', '配合单位', '最新进展'] as const;

const names = (ds: { name: string; role: 'lead' | 'co' }[], role: 'lead' | 'co') =>
  ds
    .filter((d) => d.role === role)
    .map((d) => d.name)
    .join('、');

export interface PlanExport {
  title: string;
  meta: [string, string][];
  targets: { indicator: string; goal: string; deadline: string; lead: string; co: string; latest: string; asOf: string; status: string }[];
  tasks: { marker: string; title: string; due: string; lead: string; co: string; progress: string }[];
}

/** What an export shows, read once for both formats. */
export async function planExportData(db: Db, actor: Actor, planId: number, today: string): Promise<PlanExport> {
  const detail = await getPlan(db, actor, planId);
  const tracking = await getPlanTracking(db, actor, planId, today);
  const tracked = new Map(tracking.targets.map((t) => [t.id, t]));
  // the latest progress of each task, per department (from the tracking page's groups)
  const progress = new Map<number, string[]>();
  for (const g of tracking.tasksByDepartment) {
    for (const k of g.tasks as { id: number; latest: { status: TaskProgress; note: string | null; periodLabel: string } | null }[]) {
      if (!k.latest) continue;
      const l = progress.get(k.id) ?? [];
      l.push(`${g.department.name}：${TASK_PROGRESS_LABELS[k.latest.status]}（${k.latest.periodLabel}）${k.latest.note ? `，${k.latest.note}` : ''}`);
      progress.set(k.id, l);
    }
  }
  const p = detail.plan;
  const period = p.periodStartYear || p.periodEndYear ? `${p.periodStartYear ?? ''}—${p.periodEndYear ?? ''}年` : '未注明';
  return {
    title: p.title,
    meta: [
      ['发文机关', p.issuer ?? '—'],
      ['文号', p.documentNumber ?? '—'],
      ['成文日期', p.writtenDate ?? '—'],
      ['发布日期', p.publishedDate ?? '—'],
      ['期限', period],
      ['地区', p.region ?? '—'],
      ['数据日期', today],
    ],
    targets: detail.targets.map((t) => {
      const tr = tracked.get(t.id);
      return {
        indicator: t.indicator,
        goal: targetGoalText({ comparator: t.comparator, value: t.value, valueMax: t.valueMax, unit: t.unit }),
        deadline: t.deadlineYear ? `${t.deadlineYear}年` : p.periodEndYear ? `${p.periodEndYear}年` : '—',
        lead: names(t.departments, 'lead'),
        co: names(t.departments, 'co'),
        latest: tr?.latest ? `${tr.latest.value}${t.unit}` : '—',
        asOf: tr?.latest?.asOf ?? '—',
        status: tr ? TARGET_STATUS_LABELS[tr.status] : '—',
      };
    }),
    tasks: detail.tasks.map((k, i) => ({
      marker: k.marker ?? `${i + 1}.`,
      title: k.title,
      due: k.dueDate ?? k.deadlineText ?? '—',
      lead: names(k.departments, 'lead'),
      co: names(k.departments, 'co'),
      progress: (progress.get(k.id) ?? []).join('；') || '未报送',
    })),
  };
}

/** The plan as a workbook: 目标 and 任务 sheets with Chinese headers that wrap. */
export async function planWorkbook(x: PlanExport): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  const sheet = (name: string, columns: readonly string[], widths: number[], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.columns = widths.map((width) => ({ width }));
    ws.mergeCells(1, 1, 1, columns.length);
    const title = ws.getCell(1, 1);
    title.value = `${x.title}（${name}）`;
    title.font = { name: '黑体', size: 14, bold: true };
    title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.getRow(1).height = 36;
    const header = ws.addRow([...columns]);
    header.eachCell((c) => {
      c.font = { name: '黑体', bold: true, color: { argb: 'FFFFFFFF' } };
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    for (const r of rows) {
      ws.addRow(r).eachCell({ includeEmpty: true }, (c) => {
        c.font = { name: '宋体', size: 11 };
        c.alignment = { vertical: 'top', wrapText: true };
        c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      });
    }
  };
  sheet('目标', TARGET_COLUMNS, [6, 40, 16, 10, 22, 22, 12, 12, 10], x.targets.map((t, i) => [i + 1, t.indicator, t.goal, t.deadline, t.lead, t.co, t.latest, t.asOf, t.status]));
  sheet('任务', TASK_COLUMNS, [8, 60, 14, 22, 26, 50], x.tasks.map((k) => [k.marker, k.title, k.due, k.lead, k.co, k.progress]));
  const info = wb.addWorksheet('计划信息');
  info.columns = [{ width: 14 }, { width: 80 }];
  info.addRow(['计划名称', x.title]);
  for (const m of x.meta) info.addRow(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The plan as a 公文-layout Word document: metadata, 一、主要目标, 二、重点任务, 版记. */
export async function planDocx(x: PlanExport, issuer: string): Promise<Buffer> {
  const body: OfficialBlock[] = [];
  body.push({ kind: 'p', text: `${book(x.title)}（${x.meta.filter(([k]) => k !== '数据日期').map(([k, v]) => `${k}：${v}`).join('；')}）执行情况如下，数据截至${x.meta.find(([k]) => k === '数据日期')?.[1]}。` });
  body.push({ kind: 'h1', text: '一、主要目标' });
  if (!x.targets.length) body.push({ kind: 'p', text: '本计划未列出量化目标。' });
  x.targets.forEach((t, i) => {
    const who = [t.lead && `牵头单位：${t.lead}`, t.co && `配合单位：${t.co}`].filter(Boolean).join('；') || '责任单位：未分配';
    body.push({ kind: 'p', text: `${i + 1}.${t.indicator}：目标${t.goal}（${t.deadline}）。${who}。最新值：${t.latest}${t.asOf !== '—' ? `（截至${t.asOf}）` : ''}；状态：${t.status}。` });
  });
  body.push({ kind: 'h1', text: '二、重点任务' });
  x.tasks.forEach((k, i) => {
    const who = [k.lead && `牵头单位：${k.lead}`, k.co && `配合单位：${k.co}`].filter(Boolean).join('；') || '责任单位：未分配';
    body.push({ kind: 'h2', text: `（${chineseNumber(i + 1)}）${k.title.replace(/[。；;]$/, '')}` });
    body.push({ kind: 'p', text: `${who}。截止：${k.due}。进展：${k.progress}。` });
  });
  return buildOfficialDocx({ issuer, title: `${x.title}执行情况`, body, copyTo: defaultCopyTo(issuer), imprint: true, date: x.meta.find(([k]) => k === '数据日期')?.[1] ?? null });
}

export async function exportPlan(db: Db, actor: Actor, planId: number, today: string, format: 'xlsx' | 'docx'): Promise<{ bytes: Buffer; fileName: string; mime: string }> {
  const data = await planExportData(db, actor, planId, today);
  const safe = data.title.replace(/[\\/:*?"<>|\r\n]/g, '_').slice(0, 80);
  if (format === 'xlsx') return { bytes: await planWorkbook(data), fileName: `${safe}.xlsx`, mime: XLSX_MIME };
  return { bytes: await planDocx(data, await defaultIssuer(db, actor.tenantId)), fileName: `${safe}.docx`, mime: DOCX_MIME };
}
