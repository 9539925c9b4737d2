// Credit events imported from a file, on both databases: valid rows become the enterprises' credit
// records (penalty periods computed as when entered by hand), each bad row is refused with its Chinese
// reason and downloadable in the same Excel of refused rows as the register import, a second import of
// the same file adds nothing, and a file without the needed headers writes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { makeTenant } from '../org/testing';
import { refusalsWorkbookOf } from '../enterprises/service';
import { writeRegisterCsv, writeRegisterXlsx } from '../enterprises/register-file';
import { getEventImportJob, importCreditEventsFile } from './import';
import { enterpriseCredit } from './service';
import { actorAs, insertRegister } from './testing';
import { sql } from 'drizzle-orm';

const TODAY = '2026-12-02';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-credit-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEADERS = ['统一社会信用代码', '企业名称', '记录类型', '决定日期', '决定书文号', '事由', '较重行政处罚', '公示期', '领域'];

forEachDb('credit events import', (getDb) => {
  let tenantId: number;
  let codes: string[];
  let ids: number[];
  const office = () => actorAs(tenantId, 'office');

  beforeAll(async () => {
    const { db } = getDb();
    ({ tenantId } = await makeTenant(db));
    ids = await insertRegister(db, tenantId, 5);
    const res = await db.execute(sql`select id, credit_code from enterprises where tenant_id = ${tenantId} order by id`);
    codes = (res.rows as Array<{ credit_code: string }>).map((r) => r.credit_code);
  });

  it('imports valid rows, refuses each bad one with its reason (also as Excel), and a re-import adds nothing', async () => {
    const { db } = getDb();
    const [c0, c1, c2] = codes as [string, string, string];
    const wrongCheck = c0.slice(0, 17) + (c0[17] === '0' ? '1' : '0');
    // a valid code of no enterprise of this authority (the register's generator, far serial)
    const { generateEnterprises } = await import('../enterprises/generate');
    const stranger = [...generateEnterprises({ count: 1, areas: [{ code: '330782', name: '义乌市', fullName: '浙江省金华市义乌市', townships: [] }], seed: 5, firstSerial: 987_654 })][0]!.creditCode;
    const lines: string[][] = [
      HEADERS,
      [c0, '甲', '行政处罚', '2026-11-10', '义市监处罚〔2026〕88号', '生产销售不合格产品', '是', '3年', '一般'], // row 2 ok
      [c1, '乙', '产品抽检不合格', '2026年10月8日', '', '电线电缆导体电阻不合格', '', '', ''], // row 3 ok
      [c2, '丙', '投诉', '2026/09/01', '', '虚假宣传', '', '', ''], // row 4 ok
      [wrongCheck, '甲', '行政处罚', '2026-11-10', '', '', '', '', ''], // row 5: check character
      [stranger, '外', '投诉', '2026-11-10', '', '', '', '', ''], // row 6: not in the register
      [c1, '乙', '行政处罚', '2026-13-40', '', '', '', '', ''], // row 7: date
      [c1, '乙', '列入经营异常名录', '2026-11-10', '', '', '', '', ''], // row 8: listings are decisions
      [c1, '乙', '罚款', '2026-11-10', '', '', '', '', ''], // row 9: unknown kind
      [c0, '甲', '行政处罚', '2026-11-10', '义市监处罚〔2026〕88号', '生产销售不合格产品', '是', '3年', '一般'], // row 10: same as row 2
      [c2, '丙', '投诉', '2026-09-01'], // row 11: fewer columns
      [c2, '丙', '投诉', '2027-01-05', '', '', '', '', ''], // row 12: in the future
      [c2, '丙', '投诉', '2026-09-02', '', '', '是', '', ''], // row 13: heavy only for penalties
    ];
    const file = path.join(dir, 'events.csv');
    await writeRegisterCsv(file, lines.slice(1), { encoding: 'gb18030', headers: HEADERS });

    const r = await importCreditEventsFile(db, office(), file, '信用记录.csv', TODAY);
    expect([r.imported, r.unchanged, r.refusedCount]).toEqual([3, 0, 9]);
    const reasons = new Map(r.refused.map((x) => [x.row, x.reason]));
    expect(reasons.get(5)).toMatch(/第18位校验码错误/);
    expect(reasons.get(6)).toMatch(/不在本单位的企业名录中/);
    expect(reasons.get(7)).toMatch(/决定日期“2026-13-40”格式不对/);
    expect(reasons.get(8)).toMatch(/列入、移出名录是有办理时限的决定/);
    expect(reasons.get(9)).toMatch(/记录类型“罚款”无法识别/);
    expect(reasons.get(10)).toMatch(/与第 2 行是同一条记录/);
    expect(reasons.get(11)).toMatch(/列数不符：本行有 4 列，表头有 9 列/);
    expect(reasons.get(12)).toMatch(/晚于今天/);
    expect(reasons.get(13)).toMatch(/只适用于行政处罚/);

    // the records, as if entered by hand (the penalty's publication and repair periods), source import
    const e0 = await enterpriseCredit(db, office(), ids[0]!, TODAY);
    expect(e0.events).toHaveLength(1);
    expect(e0.events[0]).toMatchObject({ kind: 'penalty', heavy: true, source: 'import', decisionNo: '义市监处罚〔2026〕88号', publicationEndsOn: '2029-11-10', repairFrom: '2027-05-10' });
    expect((await enterpriseCredit(db, office(), ids[1]!, TODAY)).events[0]).toMatchObject({ kind: 'sampling_failed', occurredOn: '2026-10-08', title: '电线电缆导体电阻不合格' });

    // the refused rows as Excel: row number, reason, then the row's own cells under the file's headers
    const job = await getEventImportJob(db, office(), r.jobId);
    const wb = new ExcelJS.Workbook();
    const out = await refusalsWorkbookOf(db, job);
    const chunks: Buffer[] = [];
    for await (const c of out.stream) chunks.push(c as Buffer);
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(out.fileName).toBe('信用记录-未导入的行.xlsx');
    expect(ws.getRow(1).values).toEqual([undefined, '行号', '未导入原因', ...HEADERS]);
    expect(ws.rowCount).toBe(10);
    expect(ws.getRow(2).getCell(1).value).toBe(5);
    expect(String(ws.getRow(2).getCell(2).value)).toMatch(/校验码/);
    expect(ws.getRow(2).getCell(3).value).toBe(wrongCheck);

    // the same file again: nothing new
    const again = await importCreditEventsFile(db, office(), file, '信用记录.csv', TODAY);
    expect([again.imported, again.unchanged, again.refusedCount]).toEqual([0, 3, 9]);
    expect((await enterpriseCredit(db, office(), ids[0]!, TODAY)).events).toHaveLength(1);
  });

  it('reads .xlsx too; a file without the needed headers, or an inspector, writes nothing', async () => {
    const { db } = getDb();
    const xlsx = path.join(dir, 'events.xlsx');
    await writeRegisterXlsx(xlsx, [[codes[3]!, '丁', '未报送年报', '2026-07-01']], { headers: ['统一社会信用代码', '企业名称', '记录类型', '决定日期'] });
    const r = await importCreditEventsFile(db, office(), xlsx, 'events.xlsx', TODAY);
    expect([r.imported, r.refusedCount]).toEqual([1, 0]);

    const noKind = path.join(dir, 'nokind.csv');
    await writeRegisterCsv(noKind, [[codes[4]!, '2026-07-01']], { headers: ['统一社会信用代码', '日期'] });
    await expect(importCreditEventsFile(db, office(), noKind, 'nokind.csv', TODAY)).rejects.toMatchObject({ code: 'IMPORT_HEADERS_MISSING', message: expect.stringMatching(/记录类型/) });
    await expect(importCreditEventsFile(db, actorAs(tenantId, 'inspector'), xlsx, 'events.xlsx', TODAY)).rejects.toMatchObject({ status: 403 });
    expect((await enterpriseCredit(db, office(), ids[4]!, TODAY)).events).toHaveLength(0);
  });

  it('an import killed before its merge leaves nothing, and the next import clears what it staged', async () => {
    const { db } = getDb();
    // as a killed process leaves it: a running job seven hours old with a staged row
    const job = await db.execute(sql`insert into enterprise_import_jobs (tenant_id, kind, file_name, file_bytes, started_at)
      values (${tenantId}, 'credit_events', 'killed.csv', 10, now() - interval '7 hours') returning id`);
    const jobId = Number((job.rows[0] as { id: number }).id);
    await db.execute(sql`insert into credit_event_import_staging (tenant_id, job_id, row_no, enterprise_id, kind, occurred_on, heavy)
      values (${tenantId}, ${jobId}, 2, ${ids[4]!}, 'complaint', '2026-11-01', false)`);
    const xlsx = path.join(dir, 'after.xlsx');
    await writeRegisterXlsx(xlsx, [[codes[4]!, '戊', '投诉', '2026-11-02']], { headers: ['统一社会信用代码', '企业名称', '记录类型', '决定日期'] });
    await importCreditEventsFile(db, office(), xlsx, 'after.xlsx', TODAY);
    const left = await db.execute(sql`select count(*)::int as n from credit_event_import_staging where tenant_id = ${tenantId}`);
    expect(Number((left.rows[0] as { n: number }).n)).toBe(0);
    const killed = await db.execute(sql`select status, error_code from enterprise_import_jobs where tenant_id = ${tenantId} and id = ${jobId}`);
    expect(killed.rows[0]).toMatchObject({ status: 'failed', error_code: 'IMPORT_ABANDONED' });
    // only the new file's record is there, not the killed one's
    expect((await enterpriseCredit(db, office(), ids[4]!, TODAY)).events.map((e) => e.occurredOn)).toEqual(['2026-11-02']);
  });
});
