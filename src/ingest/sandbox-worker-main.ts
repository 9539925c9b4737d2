// Inside the parse worker: receives { id, bytes, fileName, limits }, answers { id, ok, result | error }.
import { parentPort } from 'node:worker_threads';
import { isIngestError, parsePlan, type IngestLimits } from './index';

interface Job {
  id: number;
  bytes: ArrayBuffer;
  fileName: string;
  limits?: Partial<IngestLimits>;
}

const port = parentPort!;
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
port.postMessage({ ready: true });
