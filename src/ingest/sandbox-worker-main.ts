// Inside the parse worker: receives { id, bytes, fileName, limits }, answers { id, ok, result | error }.
// On a worker thread (sandbox.ts) through its parent port; in a child process (child-parser.ts)
// through the IPC channel.
import { parentPort } from 'node:worker_threads';
import { isIngestError, parsePlan, type IngestLimits } from './index';

interface Job {
  id: number;
  bytes: ArrayBuffer;
  fileName: string;
  limits?: Partial<IngestLimits>;
}

const port: { on(event: 'message', fn: (job: Job) => void): unknown; postMessage(message: unknown): void } = parentPort ?? {
  on: (event, fn) => process.on(event, fn as (m: unknown) => void),
  postMessage: (message) => void process.send?.(message),
};
port.on('message', (job: Job) => {
  void (async () => {
    try {
      const result = await parsePlan(new Uint8Array(job.bytes), job.fileName, { limits: job.limits });
      port.postMessage({ id: job.id, ok: true, result });
    } catch (e) {
      const error = isIngestError(e)
        ? { code: e.code, message: e.message }
        : { code: 'INTERNAL_ERROR', message: `解析时发生内部错误：${(e as Error)?.message ?? String(e)}` };
      port.postMessage({ id: job.id, ok: false, error });
    }
  })();
});
// Warm up before saying ready (dictionaries and lazily loaded modules), so that the time limit
// measures the file, not the start of the thread.
void parsePlan(new TextEncoder().encode('一、总体要求\n到2025年，产品质量合格率达到95%以上。（责任单位：区市场监管局）\n'), 'warm.txt')
  .catch(() => undefined)
  .finally(() => port.postMessage({ ready: true }));
