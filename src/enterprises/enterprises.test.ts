// The directory on both databases: importing a register file (counts, refusals with their reasons,
// re-import, changes kept as history), searching it, and its quality file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { makeTenant } from '../org/testing';
import type { Actor } from '../org/auth/model';
import { generateEnterprises } from './generate';
import { generatorAreas } from './generate-areas';
import { registerCells, writeRegisterCsv, writeRegisterXlsx, REGISTER_HEADERS } from './register-file';
import { getEnterpriseFile, importRegisterFile, searchEnterprises, syntheticToInput, refusalsWorkbook } from './service';
import { registerTimelineSource } from './timeline';
import { historyTimeline } from './service';
import ExcelJS from 'exceljs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-ent-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
registerTimelineSource('enterprises', historyTimeline);

const register = (count: number, seed = 7) =>
  [...generateEnterprises({ count, areas: generatorAreas('330902'), seed, firstSerial: seed * 10_000 })].map(syntheticToInput);

forEachDb('enterprise directory', (getDb) => {
  let admin: Actor;
  let tenantId: number;
  beforeAll(async () => {
    ({ admin, tenantId } = await makeTenant(getDb().db, undefined, '330902'));
  });

  it('imports a register CSV, refuses bad rows with a Chinese reason each, and imports nothing new the second time', async () => {
    const { db } = getDb();
    const rows = register(300);
    const bad = registerCells(rows[5]!);
    bad[0] = bad[0]!.slice(0, 17) + (bad[0]![17] === '0' ? '1' : '0'); // wrong 18th character
    const badDate = registerCells(rows[6]!);
    badDate[5] = '2019年13月45日';
    const badIndustry = registerCells(rows[7]!);
    badIndustry[9] = '99';
    const outside = registerCells(rows[8]!);
    outside[8] = '110101';
    const short = registerCells(rows[9]!).slice(0, 5);
    const lines = [...rows.slice(0, 5), bad, badDate, badIndustry, outside, short, ...rows.slice(10), registerCells(rows[20]!)];
    const file = path.join(dir, 'register.csv');
    await writeRegisterCsv(file, lines, { encoding: 'gb18030' });

    const r = await importRegisterFile(db, admin, file, '名录.csv');
    expect(r.imported).toBe(295);
    expect(r.updated).toBe(0);
    const reasons = new Map(r.refused.map((x) => [x.row, x.reason]));
    expect(reasons.get(7)).toMatch(/第18位校验码错误/);
    expect(reasons.get(8)).toMatch(/成立日期“2019年13月45日”格式不正确/);
    expect(reasons.get(9)).toMatch(/所属行业“99”不在国民经济行业分类/);
    expect(reasons.get(10)).toMatch(/不在本单位管辖范围内/);
    expect(reasons.get(11)).toMatch(/列数不符：本行有 5 列，表头有 12 列/);
    expect(reasons.get(lines.length + 1)).toMatch(/与第 22 行重复/);
    expect(r.refused).toHaveLength(6);

    const again = await importRegisterFile(db, admin, file, '名录.csv');
    expect({ imported: again.imported, updated: again.updated, unchanged: again.unchanged }).toEqual({ imported: 0, updated: 0, unchanged: 295 });
  });

  it('reads .xlsx, updates changed rows and keeps the old name and status as history on the quality file', async () => {
    const { db } = getDb();
    const { admin: a2 } = await makeTenant(db, undefined, '330902');
    const rows = register(50, 11);
    const file = path.join(dir, 'r.xlsx');
    await writeRegisterXlsx(file, rows);
    expect((await importRegisterFile(db, a2, file, 'r.xlsx')).imported).toBe(50);

    const changed = rows.map((e, i) => (i === 3 ? { ...e, name: e.name + '（变更）', status: '注销' } : e));
    const file2 = path.join(dir, 'r2.xlsx');
    await writeRegisterXlsx(file2, changed);
    const r = await importRegisterFile(db, a2, file2, 'r2.xlsx');
    expect({ imported: r.imported, updated: r.updated, unchanged: r.unchanged, refused: r.refused }).toEqual({ imported: 0, updated: 1, unchanged: 49, refused: [] });

    const found = await searchEnterprises(db, a2, { q: rows[3]!.creditCode });
    expect(found.items.map((e) => e.name)).toEqual([rows[3]!.name + '（变更）']);
    const f = await getEnterpriseFile(db, a2, found.items[0]!.id);
    expect(f.enterprise.status).toBe('注销');
    expect(f.history.map((h) => [h.field, h.oldValue]).sort()).toEqual([['name', rows[3]!.name], ['status', rows[3]!.status]].sort());
    expect(f.timeline.map((t) => t.title)).toContain('名称变更');
    expect(f.regionName).toMatch(/^浙江省舟山市定海区/);
  });

  it('finds an enterprise by three characters of its name, by code prefix and by filters, treating % and _ literally', async () => {
    const { db } = getDb();
    const all = await searchEnterprises(db, admin, { pageSize: 100 });
    expect(all.total).toBe(295);
    const target = all.items.find((e) => e.name.length >= 10)!;
    const frag = target.name.slice(4, 7);
    const byName = await searchEnterprises(db, admin, { q: frag, pageSize: 100 });
    expect(byName.items.map((e) => e.id)).toContain(target.id);
    expect(byName.items.every((e) => e.name.includes(frag))).toBe(true);
    expect((await searchEnterprises(db, admin, { q: '%' })).total).toBe(0);
    expect((await searchEnterprises(db, admin, { q: '_' })).total).toBe(0);
    const byCode = await searchEnterprises(db, admin, { q: target.creditCode.slice(0, 10).toLowerCase() });
    expect(byCode.items.every((e) => e.creditCode.startsWith(target.creditCode.slice(0, 10)))).toBe(true);
    expect(byCode.items.map((e) => e.id)).toContain(target.id);
    const cancelled = await searchEnterprises(db, admin, { status: '注销', industry: target.industrySection!, pageSize: 100 });
    expect(cancelled.items.every((e) => e.status === '注销' && e.industrySection === target.industrySection)).toBe(true);
    const township = target.regionCode!;
    const byRegion = await searchEnterprises(db, admin, { region: '330902', pageSize: 100 });
    expect(byRegion.total).toBe(295); // the county includes its townships
    expect((await searchEnterprises(db, admin, { region: township, pageSize: 100 })).items.every((e) => e.regionCode === township)).toBe(true);
  });

  it('gives the refused rows back as a workbook with the reason beside each row', async () => {
    const { db } = getDb();
    const file = path.join(dir, 'bad.csv');
    const rows = register(3, 99);
    const bad = registerCells(rows[1]!);
    bad[0] = '91330902MA2A0000X0';
    await writeRegisterCsv(file, [rows[0]!, bad, rows[2]!]);
    const r = await importRegisterFile(db, admin, file, 'bad.csv');
    const { stream, fileName } = await refusalsWorkbook(db, admin, r.jobId);
    expect(fileName).toBe('bad-未导入的行.xlsx');
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '行号', '未导入原因', ...REGISTER_HEADERS]);
    expect(ws.getRow(2).getCell(1).value).toBe(3);
    expect(String(ws.getRow(2).getCell(2).value)).toMatch(/统一社会信用代码“91330902MA2A0000X0”有误/);
    expect(ws.getRow(2).getCell(4).value).toBe(rows[1]!.name);
  });

  it('refuses a file that is not a spreadsheet, and one whose headers name no credit code, without writing anything', async () => {
    const { db } = getDb();
    const pdf = path.join(dir, 'x.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n...');
    await expect(importRegisterFile(db, admin, pdf, 'x.pdf')).rejects.toMatchObject({ code: 'NOT_A_SPREADSHEET' });
    const odd = path.join(dir, 'odd.csv');
    await writeRegisterCsv(odd, [['a', 'b']], { headers: ['编号', '名字'] });
    await expect(importRegisterFile(db, admin, odd, 'odd.csv')).rejects.toMatchObject({ code: 'MAPPING_REQUIRED' });
    expect((await searchEnterprises(db, admin, {})).total).toBe(295 + 2);
  });
});
