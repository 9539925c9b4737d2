// Upload bombs against a real server (`node bin/zhiliang.js serve`, embedded database, fresh data
// dir): for each hostile file, the time until POST /api/plans/import/parse refuses it, and the
// latency of GET /api/health polled every 50 ms meanwhile, and the server's RSS (VmHWM: the peak).
//   npx tsx bench/upload-bombs.ts
import { makeDeflatedPdf } from '../src/ingest/formats/pdf-fixtures';
import { docxParagraph, makeDocx } from '../src/ingest/formats/zip-fixtures';
import { DEMO_PASSWORD } from '../src/org/seed';
import { machine, median, rssMiB, spawnServe, stop, tempDataDir, waitFor200 } from './platform-process';
import fs from 'node:fs';

function peakMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const para = docxParagraph('质量提升行动计划'.repeat(12));
const BOMBS: { name: string; file: string; make: () => Promise<Uint8Array> }[] = [
  { name: '.docx, document.xml inflates to 200 MB', file: 'bomb.docx', make: () => makeDocx({ chunk: para, times: Math.ceil((200 << 20) / Buffer.byteLength(para)) }) },
  { name: 'the same, zip directory declares 1 MB', file: 'liar.docx', make: () => makeDocx({ chunk: para, times: Math.ceil((200 << 20) / Buffer.byteLength(para)) }, { declareSize: 1 << 20 }) },
  { name: '.pdf, one stream inflates to 528 MB', file: 'bomb.pdf', make: () => makeDeflatedPdf('0 0 m 100 100 l S\n', Math.ceil((528 << 20) / 18)) },
  { name: '.docx, 250 000 one-character paragraphs', file: 'many.docx', make: () => makeDocx({ chunk: docxParagraph('质'), times: 250_000 }) },
  { name: '.docx, 99 000 paragraphs (under the element limit; stopped by the time limit)', file: 'slow.docx', make: () => makeDocx({ chunk: docxParagraph('质'), times: 99_000 }) },
];

async function main() {
  const dataDir = tempDataDir();
  // a short time limit so the last row shows the limit at work without waiting a minute
  const s = await spawnServe(dataDir, { LOG_LEVEL: 'warn', ZHILIANG_PARSE_TIMEOUT_S: '5' });
  const base = `http://127.0.0.1:${s.port}`;
  try {
    await waitFor200(`${base}/api/health`, s.child, performance.now(), s.output, 300_000);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    if (login.status !== 200) throw new Error(`login ${login.status}`);
    console.log(`machine: ${machine()}`);
    console.log(`server RSS after start: ${rssMiB(s.child.pid!).toFixed(0)} MiB`);
    console.log('| file | size | answer | time to answer | /api/health during it: n, p50, max | server peak RSS |');
    console.log('|---|---:|---|---:|---|---:|');
    for (const b of BOMBS) {
      const bytes = await b.make();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), b.file);
      const lat: number[] = [];
      let done = false;
      const poll = (async () => {
        while (!done) {
          const t = performance.now();
          const r = await fetch(`${base}/api/health`);
          await r.arrayBuffer();
          lat.push(performance.now() - t);
          await new Promise((r2) => setTimeout(r2, 50));
        }
      })();
      const t0 = performance.now();
      const res = await fetch(`${base}/api/plans/import/parse`, { method: 'POST', headers: { cookie }, body: form });
      const body = (await res.json()) as { code?: string };
      const ms = performance.now() - t0;
      done = true;
      await poll;
      const alive = (await fetch(`${base}/api/health`)).status;
      console.log(
        `| ${b.name} | ${(bytes.length / 1024).toFixed(0)} KB | ${res.status} ${body.code ?? 'ok'} | ${ms.toFixed(0)} ms | ${lat.length}, ${median(lat).toFixed(1)} ms, ${Math.max(...lat).toFixed(1)} ms | ${peakMiB(s.child.pid!).toFixed(0)} MiB (health after: ${alive}) |`,
      );
    }
  } finally {
    await stop(s.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
