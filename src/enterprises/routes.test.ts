// The directory over HTTP on the demo authority: who may read and import (the authorization table
// for these routes), the upload → mapping → job → refusals walk, search and the quality file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import { DEMO_PASSWORD, DEMO_TENANT } from '../org/seed';
import { seededApp, signIn, type TestApp } from '../server/testing';
import { generateEnterprises } from './generate';
import { generatorAreas } from './generate-areas';
import { registerCells, writeRegisterCsv } from './register-file';
import { syntheticToInput } from './service';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zl-ent-routes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function multipart(fileName: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----zhiliang-ent-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

forEachDb('enterprise routes', (getDb) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await seededApp(getDb().db);
    for (const u of ['admin', 'office', 'dept', 'inspector']) cookies[u] = await signIn(t.app, u, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await t?.app.close();
  });
  const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

  it('lets an administrator upload a register, map a renamed header, follow the job and download the refused rows', async () => {
    const rows = [...generateEnterprises({ count: 40, areas: generatorAreas(DEMO_TENANT.regionCode), seed: 5, firstSerial: 900_000 })].map(syntheticToInput);
    const bad = registerCells(rows[2]!);
    bad[5] = '去年';
    const headers = ['社会统一编码', '企业名称', '法定代表人', '企业类型', '登记状态', '成立日期', '注册资本(万元)', '住所', '所属区划', '所属行业', '许可证', '重点产品'];
    const file = path.join(dir, 'r.csv');
    await writeRegisterCsv(file, [rows[0]!, rows[1]!, bad, ...rows.slice(3)], { headers });
    const m = multipart('名录.csv', fs.readFileSync(file));
    const up = await t.app.inject({ method: 'POST', url: '/api/enterprises/imports/upload', payload: m.payload, headers: { ...m.headers, cookie: cookies.admin! } });
    expect(up.statusCode, up.body).toBe(200);
    const preview = up.json();
    expect(preview.missing).toEqual(['统一社会信用代码']);
    expect(preview.mapping.name).toBe(1);

    // without the mapping step the import is refused, naming the file's headers
    const refused = await t.app.inject({ method: 'POST', url: '/api/enterprises/imports', payload: { uploadId: preview.uploadId }, headers: { cookie: cookies.admin! } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'MAPPING_REQUIRED' });
    expect(refused.json().message).toContain('社会统一编码');

    const start = await t.app.inject({
      method: 'POST',
      url: '/api/enterprises/imports',
      payload: { uploadId: preview.uploadId, mapping: { ...preview.mapping, creditCode: 0 } },
      headers: { cookie: cookies.admin! },
    });
    expect(start.statusCode, start.body).toBe(200);
    const jobId = start.json().job.id;
    let job = start.json().job;
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await get('admin', `/api/enterprises/imports/${jobId}`)).json().job;
    }
    expect(job).toMatchObject({ status: 'done', percent: 100, imported: 39, refused: 1 });

    const x = await get('admin', `/api/enterprises/imports/${jobId}/refusals`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toContain(encodeURIComponent('名录-未导入的行.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe(4);
    expect(String(wb.worksheets[0]!.getRow(2).getCell(2).value)).toContain('成立日期“去年”格式不正确');

    // found by three characters of its name, and its quality file
    const target = rows.find((e) => e.name.length > 8)!;
    const list = await get('inspector', `/api/enterprises?q=${encodeURIComponent(target.name.slice(2, 5))}`);
    expect(list.statusCode).toBe(200);
    const hit = list.json().items.find((e: { creditCode: string }) => e.creditCode === target.creditCode);
    expect(hit).toBeTruthy();
    const file2 = await get('office', `/api/enterprises/${hit.id}/file`);
    expect(file2.statusCode).toBe(200);
    expect(file2.json()).toMatchObject({ enterprise: { name: target.name, creditCode: target.creditCode }, history: [], timeline: [] });
    expect(file2.json().enterprise.regionName).toMatch(/^浙江省舟山市/);

    const xl = await get('office', `/api/enterprises/export?status=${encodeURIComponent('存续')}`);
    expect(xl.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(xl.rawPayload as unknown as ArrayBuffer);
    const ws = wb2.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    const statuses = new Set<string>();
    ws.eachRow((row, n) => n > 1 && statuses.add(String(row.getCell(5).value)));
    expect([...statuses]).toEqual(['存续']);
  });

  it('refuses a file that is not a spreadsheet with a Chinese reason', async () => {
    const m = multipart('plan.pdf', Buffer.from('%PDF-1.4 not a register'));
    const up = await t.app.inject({ method: 'POST', url: '/api/enterprises/imports/upload', payload: m.payload, headers: { ...m.headers, cookie: cookies.admin! } });
    expect(up.statusCode).toBe(415);
    expect(up.json()).toMatchObject({ code: 'NOT_A_SPREADSHEET' });
    expect(up.json().message).toMatch(/不是可导入的电子表格/);
  });

  it('lets the office, inspectors and the administrator read the register, only the administrator import, and no department user see it', async () => {
    const reads = ['/api/enterprises', '/api/enterprises/options', '/api/enterprises/export', '/api/enterprises/1/file'];
    for (const who of ['admin', 'office', 'inspector']) {
      for (const url of reads) expect((await get(who, url)).statusCode, `${who} ${url}`).not.toBe(403);
    }
    for (const url of [...reads, '/api/enterprises/imports/1', '/api/enterprises/imports/1/refusals']) {
      const res = await get('dept', url);
      expect({ url, status: res.statusCode, code: res.json().code }).toEqual({ url, status: 403, code: 'FORBIDDEN' });
    }
    const m = multipart('r.csv', Buffer.from('统一社会信用代码,企业名称\r\n'));
    for (const who of ['office', 'inspector', 'dept']) {
      const up = await t.app.inject({ method: 'POST', url: '/api/enterprises/imports/upload', payload: m.payload, headers: { ...m.headers, cookie: cookies[who]! } });
      expect(up.statusCode, who).toBe(403);
      const start = await t.app.inject({ method: 'POST', url: '/api/enterprises/imports', payload: { uploadId: '0'.repeat(32) }, headers: { cookie: cookies[who]! } });
      expect(start.statusCode, who).toBe(403);
      expect((await get(who, '/api/enterprises/imports/1')).statusCode, who).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/enterprises' })).statusCode).toBe(401);
  });
});
