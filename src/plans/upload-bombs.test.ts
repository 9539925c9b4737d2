// Hostile uploads over HTTP (POST /api/plans/import/parse as the office): each bomb is refused with
// its status and code, the server answers /api/health while one is being parsed, and it parses an
// ordinary plan afterwards.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../core/config';
import { forEachDb } from '../core/db/testing';
import { makeDeflatedPdf } from '../ingest/formats/pdf-fixtures';
import { docxParagraph, makeDocx } from '../ingest/formats/zip-fixtures';
import { ParseSandbox } from '../ingest/sandbox';
import { buildApp } from '../server/app';
import { fakeSessionResolver, sessionHeaders } from '../server/testing';
import { demoTenant, officeActor, SEED_FILES, seedBytes } from './testing';
import type { Actor } from '../org/auth/model';

function multipart(fileName: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----zhiliang-bomb-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

forEachDb('upload bombs over HTTP', (getDb) => {
  // Two servers, so that no answer depends on how loaded the machine is. The bombs go to one with the
  // default time limit (60 s): each must be refused for what it is (size, complexity), which takes
  // 0.3–4 s here, never for the time it took. The time limit itself is tested on one with a 1 s limit
  // and a document that needs several seconds even on an idle machine (over 5 s measured under load),
  // so a slower machine only makes it time out more surely; the ordinary plan parsed there after the
  // timeout takes tens of milliseconds (the limit counts from when a worker has the file, not its start).
  let app: FastifyInstance;
  let appShort: FastifyInstance;
  const parser = new ParseSandbox();
  const shortParser = new ParseSandbox({ timeoutMs: 1000 });

  const uploadTo = (to: FastifyInstance, fileName: string, bytes: Uint8Array): Promise<LightMyRequestResponse> => {
    const { payload, headers } = multipart(fileName, bytes);
    return to.inject({ method: 'POST', url: '/api/plans/import/parse', payload, headers: { ...headers, ...sessionHeaders('office') } });
  };
  const upload = (fileName: string, bytes: Uint8Array) => uploadTo(app, fileName, bytes);

  beforeAll(async () => {
    const { db } = getDb();
    const demo = await demoTenant(db);
    const sessions = new Map<string, Actor>([['office', officeActor(demo.tenantId)]]);
    app = await buildApp({ db, config: loadConfig({}), webDir: '/nonexistent', resolveSession: fakeSessionResolver(sessions), parser });
    appShort = await buildApp({ db, config: loadConfig({}), webDir: '/nonexistent', resolveSession: fakeSessionResolver(sessions), parser: shortParser });
    await Promise.all([app.ready(), appShort.ready()]);
  });
  afterAll(async () => {
    await app?.close();
    await appShort?.close();
    await parser.close();
    await shortParser.close();
  });

  it('a 0.8 MB .docx that inflates to 200 MB: 413 INFLATED_TOO_LARGE', async () => {
    const para = docxParagraph('质量提升行动计划'.repeat(12));
    const bytes = await makeDocx({ chunk: para, times: Math.ceil((200 * 1024 * 1024) / Buffer.byteLength(para)) });
    const res = await upload('bomb.docx', bytes);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'INFLATED_TOO_LARGE', message: expect.stringContaining('超出解析上限') });
    // the same bytes lying about their size in the zip directory
    const liar = await makeDocx({ chunk: para, times: Math.ceil((200 * 1024 * 1024) / Buffer.byteLength(para)) }, { declareSize: 1 << 20 });
    const res2 = await upload('liar.docx', liar);
    expect(res2.statusCode, res2.body).toBe(422);
    expect(res2.json()).toMatchObject({ code: 'DECOMPRESSION_BOMB', message: expect.stringContaining('压缩炸弹') });
  });

  it('a 1 MB PDF with a stream that inflates to 500 MB: 413 INFLATED_TOO_LARGE', async () => {
    const bytes = await makeDeflatedPdf('0 0 m 100 100 l S\n', Math.ceil((500 * 1024 * 1024) / 18));
    const res = await upload('bomb.pdf', bytes);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'INFLATED_TOO_LARGE', message: expect.stringContaining('PDF') });
  });

  it('a ~50 KB .docx of 300 000 paragraphs: 422 TOO_COMPLEX', async () => {
    const bytes = await makeDocx({ chunk: docxParagraph('质'), times: 300_000 });
    const res = await upload('many.docx', bytes);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'TOO_COMPLEX' });
  });

  it('while a slow document is parsed the server answers /api/health; the parse is stopped at the time limit (422) and the next plan parses', async () => {
    const slow = await makeDocx({ chunk: docxParagraph('质'), times: 99_000 });
    let settled = false;
    const pending = uploadTo(appShort, 'slow.docx', slow).then((r) => {
      settled = true;
      return r;
    });
    // health checks one after another until the upload is answered: those answered while it was
    // still being parsed (its parse alone lasts the 1 s limit) are all 200
    let answeredMeanwhile = 0;
    while (!settled) {
      const health = await appShort.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      if (!settled) answeredMeanwhile++;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(2);
    const res = await pending;
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'PARSE_TIMEOUT', message: expect.stringContaining('解析超时') });

    const file = SEED_FILES[0];
    const ok = await uploadTo(appShort, file, seedBytes(file));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().extraction.targets.length).toBeGreaterThan(0);
  });
});
