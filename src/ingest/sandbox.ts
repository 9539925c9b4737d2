// The document engine in a sandbox: parses uploads on worker threads with a time limit, a heap
// limit and a watch on the process's memory, so that one hostile file cannot stop the server (its
// main thread keeps answering) or take it down (a worker that runs out of time or memory is
// terminated and replaced, and the upload is refused with a Chinese message).
//
// - time: `timeoutMs` from the moment the worker receives the file; then the worker is terminated
//   (PARSE_TIMEOUT).
// - heap: the worker's V8 old generation is capped at `heapMb` (ERR_WORKER_OUT_OF_MEMORY ends only
//   the worker: PARSE_OUT_OF_MEMORY).
// - memory outside the heap (buffers, which a heap cap does not count): while a parse runs, the
//   process's RSS is sampled every 100 ms; more than `memoryMb` above what it was when the parse
//   started ends the parse (PARSE_OUT_OF_MEMORY). With several workers the running parses share
//   `memoryMb` each, and a breach ends all of them.
// - queue: at most `maxQueue` files wait for a worker; more is PARSER_BUSY (503).
// The size checks before inflating (formats/zip-guard.ts, formats/pdf-guard.ts) refuse the known
// bombs in milliseconds; these limits are the backstop for what the checks cannot foresee.
import { Worker } from 'node:worker_threads';
import { IngestError, type IngestErrorCode } from './errors';
import type { IngestLimits } from './decode';
import type { PlanExtraction } from './model';

export interface SandboxOptions {
  /** Parses at once (default 1). */
  workers?: number;
  /** Longest parse (default 60 s). */
  timeoutMs?: number;
  /** V8 heap of a worker (default 1024 MB). */
  heapMb?: number;
  /** Growth of the process's RSS allowed per running parse (default 1536 MB). */
  memoryMb?: number;
  /** Files waiting for a worker (default 8). */
  maxQueue?: number;
  /** Engine limits (decode.ts DEFAULT_LIMITS) for every parse. */
  limits?: Partial<IngestLimits>;
}

export const SANDBOX_DEFAULTS = { workers: 1, timeoutMs: 60_000, heapMb: 1024, memoryMb: 1536, maxQueue: 8 };

/** Set by the server bundle (scripts/build-server.mjs): the bundled worker, relative to this file. */
declare const __ZL_PARSE_WORKER__: string | undefined;
/** From the sources (tests, ZHILIANG_TSX=1) the worker registers tsx first; from the bundle it is one prepared file. */
export const WORKER_URL = new URL(typeof __ZL_PARSE_WORKER__ === 'string' ? __ZL_PARSE_WORKER__ : './sandbox-worker.mjs', import.meta.url);

interface Job {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  resolve: (r: PlanExtraction) => void;
  reject: (e: unknown) => void;
  rssAtStart?: number;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job?: Job;
  dead: boolean;
}

type Reply = { ready: true } | { id: number; ok: true; result: PlanExtraction } | { id: number; ok: false; error: { code: string; message: string } };

const secondsText = (ms: number) => `${Math.round(ms / 100) / 10} 秒`;

export class ParseSandbox {
  private readonly opts: Required<Omit<SandboxOptions, 'limits'>> & { limits?: Partial<IngestLimits> };
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private watch?: NodeJS.Timeout;
  private closed = false;
  /** Counters for tests and logs. */
  readonly stats = { parsed: 0, refused: 0, timeouts: 0, outOfMemory: 0, workersStarted: 0 };

  constructor(opts: SandboxOptions = {}) {
    this.opts = { ...SANDBOX_DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as typeof this.opts;
  }

  /** Parses a file on a worker. Rejects with IngestError (input problems, limits, PARSER_BUSY). */
  parse(bytes: Uint8Array, fileName: string): Promise<PlanExtraction> {
    if (this.closed) return Promise.reject(new IngestError('PARSER_BUSY', '服务正在停止，请稍后再试'));
    const busy = this.slots.filter((s) => s.job).length;
    if (busy >= this.opts.workers && this.queue.length >= this.opts.maxQueue) {
      return Promise.reject(new IngestError('PARSER_BUSY', `正在解析的文件较多（${busy + this.queue.length} 个），请稍后再试`));
    }
    return new Promise<PlanExtraction>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, fileName, resolve, reject });
      this.pump();
    });
  }

  /** Ends the workers; queued and running parses are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new IngestError('PARSER_BUSY', '服务正在停止，请稍后再试'));
    await Promise.all(this.slots.slice().map((s) => this.kill(s, new IngestError('PARSER_BUSY', '服务正在停止，请稍后再试'))));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(16, this.opts.heapMb >> 4)) },
      stderr: false,
    });
    worker.unref();
    this.stats.workersStarted++;
    let onReady!: () => void;
    let onFail!: (e: unknown) => void;
    const slot: Slot = {
      worker,
      dead: false,
      ready: new Promise<void>((resolve, reject) => {
        onReady = resolve;
        onFail = reject;
      }),
    };
    slot.ready.catch(() => {});
    worker.on('message', (m: Reply) => {
      if ('ready' in m) return onReady();
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      this.finish(slot, job);
      if (m.ok) {
        this.stats.parsed++;
        job.resolve(m.result);
      } else {
        this.stats.refused++;
        job.reject(new IngestError(m.error.code as IngestErrorCode, m.error.message));
      }
      this.pump();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (oom) this.stats.outOfMemory++;
      const err = oom
        ? new IngestError('PARSE_OUT_OF_MEMORY', `解析所需内存超出上限（${this.opts.heapMb} MB），文件可能过大或结构异常，已拒绝解析`)
        : new IngestError('INTERNAL_ERROR', `解析线程出错：${e.message}`);
      onFail(err);
      void this.kill(slot, err);
    });
    worker.on('exit', () => {
      void this.kill(slot, new IngestError('INTERNAL_ERROR', '解析线程意外退出'));
    });
    return slot;
  }

  private finish(slot: Slot, job: Job): void {
    clearTimeout(job.timer);
    if (slot.job === job) slot.job = undefined;
    if (!this.slots.some((s) => s.job) && this.watch) {
      clearInterval(this.watch);
      this.watch = undefined;
    }
  }

  /** Terminates a worker; its job (if any) is rejected with `err`. */
  private async kill(slot: Slot, err: unknown): Promise<void> {
    const job = slot.job;
    if (job) {
      this.finish(slot, job);
      job.reject(err);
    }
    if (!slot.dead) {
      slot.dead = true;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      await slot.worker.terminate().catch(() => undefined);
    }
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job && !s.dead);
      if (!slot) {
        if (this.slots.length >= this.opts.workers) return;
        slot = this.spawn();
        this.slots.push(slot);
      }
      const job = this.queue.shift()!;
      slot.job = job;
      void this.run(slot, job);
    }
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    try {
      await slot.ready;
    } catch (e) {
      if (slot.job === job) {
        this.finish(slot, job);
        job.reject(e);
      }
      return;
    }
    if (slot.job !== job || slot.dead) return;
    job.rssAtStart = process.memoryUsage.rss();
    job.timer = setTimeout(() => {
      this.stats.timeouts++;
      void this.kill(
        slot,
        new IngestError('PARSE_TIMEOUT', `解析超时（超过 ${secondsText(this.opts.timeoutMs)}），文件可能过大或结构异常，已停止解析`),
      );
    }, this.opts.timeoutMs);
    this.watch ??= setInterval(() => this.checkMemory(), 100);
    // The worker gets its own copy of the bytes (transferred: no second copy in flight).
    const copy = new Uint8Array(job.bytes);
    slot.worker.postMessage({ id: job.id, bytes: copy.buffer, fileName: job.fileName, limits: this.opts.limits }, [copy.buffer]);
  }

  private checkMemory(): void {
    const running = this.slots.filter((s) => s.job?.rssAtStart !== undefined);
    if (!running.length) return;
    const base = Math.min(...running.map((s) => s.job!.rssAtStart!));
    const grown = process.memoryUsage.rss() - base;
    if (grown <= this.opts.memoryMb * 1024 * 1024 * running.length) return;
    this.stats.outOfMemory += running.length;
    for (const s of running) {
      void this.kill(s, new IngestError('PARSE_OUT_OF_MEMORY', `解析所需内存超出上限（${this.opts.memoryMb} MB），文件可能过大或结构异常，已停止解析`));
    }
  }
}
