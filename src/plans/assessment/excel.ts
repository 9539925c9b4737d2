// The year's assessment as an Excel workbook (exceljs): one sheet of results with Chinese column
// names and a styled header, and one sheet with the scoring rules.
import { loadExcel } from '../../core/excel';
import { GRADE_LABELS, SCORING_RULES, totalOf, type SchemeConfig } from './model';
import type { Assessment } from './service';

export { XLSX_MIME } from '../model';

export const RESULT_SHEET = '考核结果';
export const RULES_SHEET = '计分规则';

export function resultColumns(scheme: SchemeConfig): string[] {
  return [
    '序号',
    '责任单位',
    `按时报送（${scheme.weights.onTime}分）`,
    `目标完成（${scheme.weights.targets}分）`,
    `任务完成（${scheme.weights.tasks}分）`,
    '计算得分',
    '调整后得分',
    '调整理由',
    '一票否决',
    '最终得分',
    '等级',
    '计算依据',
  ];
}

export async function assessmentWorkbook(year: number, scheme: SchemeConfig, items: Assessment[], issuer: string): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = issuer;
  wb.created = new Date(0);
  const ws = wb.addWorksheet(RESULT_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  const columns = resultColumns(scheme);
  const widths = [6, 24, 14, 14, 14, 10, 11, 36, 10, 10, 8, 60];
  ws.columns = widths.map((width) => ({ width }));

  ws.mergeCells(1, 1, 1, columns.length);
  const title = ws.getCell(1, 1);
  title.value = `${issuer}${year}年度质量提升行动责任单位考核结果（满分${totalOf(scheme)}分）`;
  title.font = { name: '黑体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  const header = ws.getRow(2);
  header.values = columns;
  header.height = 24;
  header.eachCell((cell) => {
    cell.font = { name: '黑体', size: 11, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });

  items.forEach((a, i) => {
    const b = a.breakdown;
    const row = ws.addRow([
      i + 1,
      a.departmentName,
      b.onTime.applicable ? b.onTime.points : '不涉及',
      b.targets.applicable ? b.targets.points : '不涉及',
      b.tasks.applicable ? b.tasks.points : '不涉及',
      a.computedScore,
      a.adjustedScore,
      a.adjustmentReason ?? '',
      a.veto ? `是（${a.vetoReason ?? ''}）` : '否',
      a.finalScore,
      a.grade === 'N' ? '不参评' : `${a.grade}（${GRADE_LABELS[a.grade]}）`,
      [b.onTime.formula, b.targets.formula, b.tasks.formula, b.totalFormula ?? ''].filter(Boolean).join('；'),
    ]);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = { name: '宋体', size: 11 };
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      cell.alignment = { vertical: 'middle', horizontal: col === 2 || col === 8 || col === 12 ? 'left' : 'center', wrapText: col === 8 || col === 12 };
      if (col >= 3 && col <= 7) cell.numFmt = '0.00';
      if (col === 10) cell.numFmt = '0.00';
    });
  });

  const rules = wb.addWorksheet(RULES_SHEET);
  rules.columns = [{ width: 16 }, { width: 100 }];
  rules.addRow(['项目', '规则']).eachCell((c) => {
    c.font = { name: '黑体', bold: true };
  });
  rules.addRow(['按时报送', SCORING_RULES.onTime]);
  rules.addRow(['目标完成', SCORING_RULES.targets]);
  rules.addRow(['任务完成', SCORING_RULES.tasks]);
  rules.addRow(['考核范围', SCORING_RULES.scope]);
  rules.addRow(['权重调整', SCORING_RULES.reweighting]);
  rules.addRow(['不参评', SCORING_RULES.notAssessed]);
  rules.addRow(['等级', `A（优秀）≥ ${scheme.grades.A}；B（良好）${scheme.grades.B}–${scheme.grades.A}（不含）；C（合格）${scheme.grades.C}–${scheme.grades.B}（不含）；D（不合格）< ${scheme.grades.C}`]);
  rules.addRow(['一票否决', SCORING_RULES.veto]);
  rules.addRow(['调整', SCORING_RULES.adjustment]);
  rules.eachRow((r) => r.eachCell((c) => (c.alignment = { wrapText: true, vertical: 'top' })));

  return Buffer.from(await wb.xlsx.writeBuffer());
}
