// 企业标准自我声明 spot checks (issue 12, regulatory-rules.md §8) over HTTP: declarations recorded by
// credit code, a campaign of a standards item draws only enterprises with declarations (same
// verifiable draw), results carry the checklist and must agree with it, 符合率 by industry and region
// from the published results, and the checked enterprises are not drawn again within 3 years.
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDb } from '../core/db/testing';
import type { Actor } from '../org/auth/model';
import { makeTenant } from '../org/testing';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { callAs, fakeSessionApp, sessionHeaders } from '../server/testing';
import { creditCodeCheckChars } from '../enterprises/credit-code';
import { INDUSTRY_SECTIONS } from '../enterprises/industry';
import { verifyDrawFile, type DrawFile } from './draw';
import type { CampaignOut, CampaignPageResponse, ConformityResponse, DeclarationImportResponse, ItemOut } from './schemas';
import { insertEnterprises } from './testing';

forEachDb('standards spot checks', (getDb) => {
  let app: FastifyInstance;
  let tenantId: number;
  const sessions = new Map<string, Actor>();
  const call = (who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => callAs(app, who, method, url, payload);
  let codes: string[] = [];
  let item: ItemOut;

  beforeAll(async () => {
    const { db } = getDb();
    tenantId = (await makeTenant(db)).tenantId;
    await insertEnterprises(db, tenantId, 120, { seed: 11 });
    const actor = (role: Actor['role'], userId: number, name: string): Actor => ({ tenantId, userId, username: name, displayName: name, role, departmentId: null });
    sessions.set('office', actor('office', 1, '办公室'));
    sessions.set('insp1', actor('inspector', 11, '标准一'));
    sessions.set('insp2', actor('inspector', 12, '标准二'));
    sessions.set('dept', { ...actor('department', 30, '部门'), departmentId: 5 });
    app = await fakeSessionApp(db, sessions, { clock: () => new Date('2026-12-02T02:00:00Z') });
    codes = (await db.execute<{ credit_code: string }>(sql`SELECT credit_code FROM enterprises WHERE tenant_id = ${tenantId} AND status IN ('存续','在业') ORDER BY id LIMIT 12`)).rows.map((r) => r.credit_code);
  });
  afterAll(async () => app?.close());

  it('records declarations by credit code and refuses bad ones', async () => {
    for (const [i, code] of codes.entries()) {
      const r = await call('office', 'POST', '/api/inspections/standards/declarations', {
        creditCode: code,
        standardNo: `Q/DH ${String(i + 1).padStart(4, '0')}-2026`,
        standardName: `产品企业标准${i + 1}`,
        standardType: '企业标准',
        products: '塑料制品',
        declaredOn: '2026-03-01',
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const dup = await call('office', 'POST', '/api/inspections/standards/declarations', { creditCode: codes[0], standardNo: 'Q/DH 0001-2026', standardName: 'x', standardType: '企业标准', declaredOn: '2026-03-01' });
    expect(dup.json()).toMatchObject({ code: 'DUPLICATE_DECLARATION' });
    const bad = await call('office', 'POST', '/api/inspections/standards/declarations', { creditCode: '91330902MA2A0000X0', standardNo: 'x', standardName: 'x', standardType: '企业标准', declaredOn: '2026-03-01' });
    expect(bad.statusCode).toBe(400);
    const list = (await call('insp1', 'GET', '/api/inspections/standards/declarations?pageSize=5')).json();
    expect(list.total).toBe(12);
    expect(list.items).toHaveLength(5);
    expect((await call('dept', 'GET', '/api/inspections/standards/declarations')).statusCode).toBe(403);
    expect((await call('dept', 'POST', '/api/inspections/standards/declarations', { creditCode: codes[0], standardNo: 'y', standardName: 'y', standardType: '企业标准', declaredOn: '2026-03-01' })).statusCode).toBe(403);
  });

  let campaign: CampaignOut;
  it('draws only enterprises with declarations, with the same verifiable draw', async () => {
    item = (
      await call('office', 'POST', '/api/inspections/items', {
        code: 'BZ-01',
        name: '企业标准自我声明公开情况检查',
        legalBasis: '《标准化法》第二十七条、第三十八条',
        department: '区市场监管局',
        scope: { standardDeclarations: true },
        classRules: { B: { ratio: 0.5, perYear: 1 } },
        notDrawnWithinDays: 1095,
      })
    ).json();
    expect(item).toMatchObject({ notDrawnWithinDays: 1095, scope: { standardDeclarations: true } });
    for (const [i, who] of ['insp1', 'insp2'].entries()) {
      await call('office', 'POST', '/api/inspections/inspectors', { userId: String(11 + i), name: who, department: '区市场监管局', certificateNo: `BZ${i}`, qualifiedItemIds: [item.id] });
    }
    const c = (await call('office', 'POST', '/api/inspections/campaigns', { name: '2026年企业标准自我声明抽查', year: 2026, itemIds: [item.id] })).json();
    const f: CampaignOut = (await call('office', 'POST', `/api/inspections/campaigns/${c.id}/frame`)).json();
    expect(f.frame!.strata.reduce((a, s) => a + s.size, 0)).toBe(12);
    expect(f.frame!.exclusions.notDrawnForSameItemWithinDays).toBe(1095);
    campaign = (await call('office', 'POST', `/api/inspections/campaigns/${c.id}/draw`)).json();
    expect(campaign.objectCount).toBe(6);
    const file: DrawFile = (await call(null, 'GET', `/api/public/draws/${c.id}/file?tenant=${tenantId}`)).json();
    expect(file.result.objects).toHaveLength(6);
    for (const o of file.result.objects) expect(codes).toContain(o.creditCode);
    expect(await verifyDrawFile(file)).toMatchObject({ ok: true, objects: 6 });
  });

  it('results carry the checklist and agree with it; 符合率 by industry and region from the published ones', async () => {
    const page: CampaignPageResponse = (await call('office', 'GET', `/api/inspections/campaigns/${campaign.id}`)).json();
    const all = { notBelowMandatory: true, numbering: true, indicatorsDisclosed: true, testMethods: true };
    const o = page.objects;
    const enter = (i: number, body: object) => call('insp1', 'POST', `/api/inspections/objects/${o[i]!.id}/results`, { inspectedOn: '2026-11-20', ...body });
    expect((await enter(0, { resultCode: '未发现问题' })).json().message).toMatch(/核查清单/);
    expect((await enter(0, { resultCode: '发现问题已责令改正', followUp: '责令改正', checklist: all })).json().message).toMatch(/未发现问题/);
    expect((await enter(0, { resultCode: '未发现问题', checklist: { ...all, indicatorsDisclosed: false } })).statusCode).toBe(400);
    const entered = [
      await enter(0, { resultCode: '未发现问题', checklist: all }),
      await enter(1, { resultCode: '未发现问题', checklist: all }),
      await enter(2, { resultCode: '发现问题已责令改正', findings: '未公开性能指标', followUp: '责令限期公开', checklist: { ...all, indicatorsDisclosed: false } }),
      await enter(3, { resultCode: '未发现问题', checklist: all }), // left pending: not counted
    ];
    for (const r of entered) expect(r.statusCode, r.body).toBe(200);
    for (const r of entered.slice(0, 3)) expect((await call('insp2', 'POST', `/api/inspections/results/${r.json().id}/review`, { approve: true })).json()).toMatchObject({ state: '已公示' });
    const conf: ConformityResponse = (await call('office', 'GET', '/api/inspections/standards/conformity?year=2026')).json();
    expect(conf.total).toEqual({ checked: 3, conforming: 2, rate: 0.6667 });
    expect(conf.byIndustry.reduce((a, x) => a + x.checked, 0)).toBe(3);
    expect(conf.byRegion.reduce((a, x) => a + x.conforming, 0)).toBe(2);
    // named as the page shows them: the GB/T 4754 section and the GB/T 2260 region
    for (const x of conf.byIndustry) expect(x.industryName).toBe(INDUSTRY_SECTIONS.find((i) => i.code === x.industrySection)!.name);
    for (const x of conf.byRegion) expect(x.regionName).toMatch(/[\u4e00-\u9fa5]/);
    // a year without checks has no rate
    expect((await call('office', 'GET', '/api/inspections/standards/conformity?year=2025')).json().total).toEqual({ checked: 0, conforming: 0, rate: null });
  });

  it('does not draw the checked enterprises again within 3 years', async () => {
    const c2 = (await call('office', 'POST', '/api/inspections/campaigns', { name: '2026年第二批企业标准抽查', year: 2026, itemIds: [item.id] })).json();
    const f: CampaignOut = (await call('office', 'POST', `/api/inspections/campaigns/${c2.id}/frame`, undefined)).json();
    expect(f.frame!.strata.reduce((a, s) => a + s.size, 0)).toBe(6);
  });

  it('imports declarations from Excel and GB18030 CSV: added, brought up to date, left alone, or refused with the reason', async () => {
    const upload = (name: string, bytes: Buffer, who = 'office') => {
      const boundary = '----zl' + Math.random().toString(16).slice(2);
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return app.inject({ method: 'POST', url: '/api/inspections/standards/imports', headers: { ...sessionHeaders(who), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    };
    const more = (await getDb().db.execute<{ credit_code: string }>(sql`SELECT credit_code FROM enterprises WHERE tenant_id = ${tenantId} AND status IN ('存续','在业') ORDER BY id OFFSET 12 LIMIT 2`)).rows.map((r) => r.credit_code);
    const stranger = creditCodeCheckChars('913309027A8B9C0D').code; // a valid code not in the register
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('声明');
    ws.addRow(['统一社会信用代码', '企业名称', '标准编号', '标准名称', '标准类型', '产品名称', '公开日期']);
    ws.addRow([more[0], '甲', 'Q/DH 0101-2026', '塑料餐具', '企标', '塑料餐具', '2026-04-01']); // 2: new
    ws.addRow([codes[0], '乙', 'Q/DH 0001-2026', '产品企业标准1（第2版）', '企业标准', '塑料制品', '2026年5月1日']); // 3: renamed: updated
    ws.addRow([codes[1], '丙', 'Q/DH 0002-2026', '产品企业标准2', '企业标准', '塑料制品', '2026-03-01']); // 4: as recorded: unchanged
    ws.addRow(['91330902MA2A0000X0', '丁', 'Q/X 1-2026', 'x', '企业标准', '', '2026-03-01']); // 5: bad code
    ws.addRow([stranger, '戊', 'Q/X 2-2026', 'x', '企业标准', '', '2026-03-01']); // 6: not in the register
    ws.addRow([more[1], '己', 'Q/X 3-2026', 'x', '内部标准', '', '2026-03-01']); // 7: unknown type
    ws.addRow([more[1], '己', 'Q/X 4-2026', 'x', '团体标准', '', '2027-03-01']); // 8: declared in the future
    ws.addRow([more[0], '甲', 'Q/DH 0101-2026', '塑料餐具', '企业标准', '', '2026-04-01']); // 9: same as row 2
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload('声明.xlsx', xlsx);
    expect(r.statusCode, r.body).toBe(200);
    const out: DeclarationImportResponse = r.json();
    expect(out).toMatchObject({ imported: 1, updated: 1, unchanged: 1, refusedCount: 5 });
    expect(out.refused.map((x) => x.row)).toEqual([5, 6, 7, 8, 9]);
    expect(out.refused[1]!.reason).toContain('不在本单位的企业名录中');
    expect(out.refused[2]!.reason).toContain('标准类型“内部标准”无法识别');
    expect(out.refused[3]!.reason).toContain('晚于今天');
    expect(out.refused[4]!.reason).toContain('与第 2 行是同一项声明');
    const listed = (await call('insp1', 'GET', `/api/inspections/standards/declarations?q=${encodeURIComponent('Q/DH 0101')}`)).json();
    expect(listed.items[0]).toMatchObject({ creditCode: more[0], standardType: '企业标准', products: '塑料餐具', declaredOn: '2026-04-01' });
    expect((await call('insp1', 'GET', `/api/inspections/standards/declarations?q=${encodeURIComponent('Q/DH 0001')}`)).json().items[0]).toMatchObject({ standardName: '产品企业标准1（第2版）', declaredOn: '2026-05-01' });
    // the refused rows as Excel, with their reasons
    const refusals = await call('office', 'GET', `/api/inspections/standards/imports/${out.jobId}/refusals`);
    expect(refusals.statusCode).toBe(200);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(refusals.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(back.worksheets[0]!.getSheetValues());
    expect(text).toContain('不在本单位的企业名录中');
    expect(back.worksheets[0]!.actualRowCount).toBe(6);
    // the same file again changes nothing
    expect((await upload('声明.xlsx', xlsx)).json()).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });
    // a CSV in GB18030 as exported by older systems
    const csv = iconv.encode(`统一社会信用代码,标准编号,标准名称,标准类型,声明日期\r\n${more[1]},T/ZJ 0009-2025,不锈钢保温杯,团标,2025/12/1\r\n`, 'gb18030');
    expect((await upload('声明.csv', csv)).json()).toMatchObject({ imported: 1, refusedCount: 0 });
    // headers missing, another authority's job, and who may import
    const noHeaders = await upload('x.csv', Buffer.from('名称,日期\r\n甲,2026-01-01\r\n'));
    expect(noHeaders.json()).toMatchObject({ code: 'IMPORT_HEADERS_MISSING' });
    expect(noHeaders.json().message).toContain('标准编号');
    expect((await upload('声明.xlsx', xlsx, 'dept')).statusCode).toBe(403);
    expect((await call('dept', 'GET', `/api/inspections/standards/imports/${out.jobId}/refusals`)).statusCode).toBe(403);
    // the new declarers enter the next standards campaign's frame (6 checked ones stay out for 3 years)
    const c3 = (await call('office', 'POST', '/api/inspections/campaigns', { name: '2026年第三批企业标准抽查', year: 2026, itemIds: [item.id] })).json();
    const f: CampaignOut = (await call('office', 'POST', `/api/inspections/campaigns/${c3.id}/frame`, undefined)).json();
    expect(f.frame!.strata.reduce((a, s) => a + s.size, 0)).toBe(8);
  });
});
