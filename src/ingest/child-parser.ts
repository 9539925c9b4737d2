// The document engine in a child process, for the demo's seed plans at a first start. A worker
// thread (sandbox.ts) gives back its JavaScript heap when it ends, but not what the engine's native
// part (jieba's dictionary) and the thread's malloc arena took: about 40 MiB stayed in the server for
// good. A process gives everything back when it exits. The seed files are the project's own, so the
// sandbox's time and memory limits are not needed here; uploads still go through the sandbox.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WORKER_URL } from './sandbox';
import type { PlanExtraction } from './model';

type Reply = { ready: true } | { id: number; ok: true; result: PlanExtraction } | { id: number; ok: false; error: { code: string; message: string } };

export class ChildParser {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (r: PlanExtraction) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private exited: Error | undefined;

  constructor() {
    // advanced serialization: the file's bytes and the result cross as structured clones, not JSON
    this.child = fork(fileURLToPath(WORKER_URL), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
    this.child.on('message', (m: Reply) => {
      if ('ready' in m) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    });
    const fail = (e: Error) => {
      this.exited ??= e;
      for (const p of this.pending.values()) p.reject(this.exited);
      this.pending.clear();
    };
    this.child.on('error', fail);
    this.child.on('exit', (code, signal) => fail(new Error(`解析进程已退出（${signal ?? code}）`)));
  }

  parse(bytes: Uint8Array, fileName: string): Promise<PlanExtraction> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, bytes, fileName });
    });
  }

  /** Ends the process (it exits when its channel closes) and waits for it. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}
