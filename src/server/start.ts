// `zhiliang serve`: open the database (embedded or server), migrate, seed the demo authority once,
// build the app and listen; print in Chinese where to open the browser and how to sign in.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../core/config';
import { createDb, type Db, type DbHandle } from '../core/db';
import { prepareDatabase } from './database';
import { ROLE_LABELS } from '../org/auth/model';
import { AppError } from '../core/errors';
import { collectGarbage } from '../core/gc';
import { seedDemo } from '../org/seed';
import { loadAuditKey } from '../org/audit/chain';
import { DEFAULT_WEB_DIR, webIsBuilt } from './web';
import { startControlSocket } from './control';
import { demoWork, loadDemo } from './demo';
import type { JobRunner } from '../core/jobs';

export interface RunningServer {
  app: FastifyInstance;
  handle: DbHandle;
  url: string;
  /**
   * Stops listening, lets requests in flight finish for up to `drainMs` (default 2 s; new ones on
   * open connections get 503), cuts the connections still open, then closes the database (which
   * releases the data directory lock). Done within about 5 s whatever the requests do.
   */
  close(options?: { drainMs?: number }): Promise<void>;
  /**
   * Settles when the demo authority's content (seed plans, register, 双随机, 监督抽查) is loaded: a
   * first start loads it after it answers (decision 045); at once when there was nothing to load.
   * Never rejects (a failure is logged; the next start loads what is missing).
   */
  demoLoaded: Promise<void>;
}

export interface StartOptions {
  /** Where the banner goes (default: stdout). */
  print?: (line: string) => void;
  webDir?: string;
  /**
   * The database already being opened for this configuration (`zhiliang serve` starts the embedded
   * one before loading the server: src/cli/early-open.ts). Without it the server opens it here.
   */
  opening?: Promise<DbHandle>;
}

/** How long after the first start answers the database template is built (decision 039). */
const TEMPLATE_DELAY_MS = 3000;

function browserUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  const lap = (name: string) => {
    phases[name] = Math.round(performance.now() - t0 - Object.values(phases).reduce((a, b) => a + b, 0));
  };
  // The embedded database boots in its own thread; build the HTTP side meanwhile (two cores, not
  // one). Routes read `ctx.db` only when a request comes, and none comes before listen() below.
  // The audit-log key (outside the database): env ZHILIANG_AUDIT_KEY, or made on first start.
  const auditKey = loadAuditKey(config.keyDir);
  const opening = options.opening ?? createDb({ ...config, migratedTemplate: true });
  opening.catch(() => {}); // its failure (e.g. DATA_DIR_LOCKED) is thrown where it is awaited below
  let handle: DbHandle | undefined;
  let app: FastifyInstance | undefined;
  let demoLoading = false;
  let closingDown = false;
  let jobs: JobRunner | undefined;
  let demo: Awaited<ReturnType<typeof demoWork>>;
  // The database's steps (open, migrate, the demo authority) run while the HTTP side is built: the
  // first statements of a newly opened embedded database are slow (its code and catalogues are cold,
  // in the database's own thread), and they overlap the main thread's loading of the app's modules.
  let seeded: Awaited<ReturnType<typeof seedDemo>> | undefined;
  const dbPhases: Record<string, number> = {};
  const dbSteps = (async () => {
    let t = performance.now();
    const step = (name: string) => {
      const now = performance.now();
      dbPhases[name] = Math.round(now - t);
      t = now;
    };
    const opened = await opening;
    step('openDb');
    await prepareDatabase(opened.db);
    step('migrate');
    seeded = config.seedDemo ? await seedDemo(opened.db, { contentToFollow: true }) : undefined;
    step('seed');
    // the demo's content (the seed plans, the register, the 双随机 and 监督抽查 demos) is loaded after
    // the server answers (decision 045); here only whether there is any
    const work = seeded ? await demoWork(opened.db, seeded, opened.mode === 'embedded') : undefined;
    step('demoCheck');
    return { opened, work };
  })();
  dbSteps.catch(() => {}); // awaited below (or, when building the app fails, closed in the catch)
  try {
    const webDir = options.webDir ?? DEFAULT_WEB_DIR;
    const { buildApp } = await import('./app');
    app = await buildApp({
      get db(): Db {
        if (!handle) throw new AppError('STARTING', '服务正在启动，请稍后再试', 503);
        return handle.db;
      },
      get jobs(): JobRunner | undefined {
        return jobs;
      },
      demoLoading: () => demoLoading,
      config,
      webDir,
      logger: { level: config.logLevel },
    });
    await app.ready();
    lap('buildApp');
    const ready = await dbSteps;
    handle = ready.opened;
    demo = ready.work;
    // the time the database's steps kept the start waiting after the app was built; their own
    // durations (overlapping buildApp) are reported beside, as db.*
    lap('waitDb');
    try {
      await app.listen({ port: config.port, host: config.host });
      lap('listen');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE') {
        throw new AppError('PORT_IN_USE', `端口 ${config.port} 已被占用，请用环境变量 PORT 指定其他端口`, 500);
      }
      if (err.code === 'EACCES') {
        throw new AppError('PORT_FORBIDDEN', `没有权限监听 ${config.host}:${config.port}，请换一个端口（PORT）`, 500);
      }
      if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') {
        throw new AppError('HOST_INVALID', `无法在地址 ${config.host} 上监听，请检查环境变量 HOST`, 500);
      }
      throw e;
    }
    // embedded: `zhiliang db backup` reaches the running server through a socket in the data directory
    const control = handle.mode === 'embedded' ? await startControlSocket(config.dataDir, handle.db, print) : undefined;
    // The job queue starts after the server answers (its first start creates its tables): until it
    // runs, work that would be queued (a reclassification asked for) is done at once instead.
    const log = app.log;
    const db = handle.db;
    let jobsStarting: Promise<void> | undefined;
    if (config.jobs) {
      jobsStarting = import('./jobs')
        .then(({ startJobs }) => startJobs(db, { onError: (e) => log.warn({ err: e }, 'job queue') }))
        .then((r) => {
          jobs = r;
        })
        .catch((e) => log.error({ err: e }, '任务队列启动失败'));
    }
    // the demo's content, while the pages already answer; then (a first start without a template for
    // these migrations) the template, a few seconds later (after the browser's first requests), so
    // that the next new data directory is a copy (decision 039); close() stops either
    let templateTimer: NodeJS.Timeout | undefined;
    const work = demo;
    const loadStarted = performance.now();
    demoLoading = work !== undefined;
    const demoLoaded: Promise<void> = work
      ? loadDemo(db, work, config, print, () => closingDown)
          .then(() => {
            if (closingDown) return;
            log.info({ demoLoadMs: Math.round(performance.now() - loadStarted) }, 'demo loaded');
            // the load's garbage would stay in RSS until V8 shrinks its heaps by itself, minutes later
            collectGarbage();
            handle?.collectGarbage?.();
            print(`  示范数据已全部载入（${((performance.now() - loadStarted) / 1000).toFixed(1)} 秒）`);
          })
          .catch((e) => {
            if (closingDown) return;
            log.error({ err: e }, 'demo load failed');
            print(`  示范数据载入失败：${(e as Error).message}（下次启动时补齐）`);
          })
          .finally(() => {
            demoLoading = false;
          })
      : Promise.resolve();
    if (handle.buildTemplate) {
      const build = handle.buildTemplate;
      void demoLoaded.then(() => {
        if (closingDown) return;
        templateTimer = setTimeout(() => void build().then((saved) => log.info({ saved }, 'database template')), TEMPLATE_DELAY_MS);
        templateTimer.unref();
      });
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = browserUrl(config.host, port);
    // Milliseconds per start-up phase since this function began (bench/startup.ts reads this line).
    app.log.info({ startupMs: { ...phases, ...Object.fromEntries(Object.entries(dbPhases).map(([k, v]) => [`db.${k}`, v])) }, processUptimeMs: Math.round(process.uptime() * 1000) }, 'started');

    print('');
    print(`质量提升行动计划管理平台已启动：${url}`);
    print(`  数据库：${handle.mode === 'embedded' ? `内置 PostgreSQL（PGlite），数据目录 ${config.dataDir}` : '外部 PostgreSQL（DATABASE_URL）'}`);
    if (!webIsBuilt(webDir)) print('  网页界面尚未构建：请运行 npm run build:web');
    print(`  接口文档：${url}/api/docs`);
    print(`  审计日志密钥：${auditKey.source}${auditKey.created ? '（首次启动已生成，请与数据库分开备份）' : ''}`);
    if (seeded) {
      print(
        seeded.created
          ? `  已创建示范单位、${seeded.departments} 个责任部门和以下示范账号（初始密码均为 ${seeded.password}，首次登录须设置新密码）：`
          : `  示范账号（初始密码 ${seeded.password}，首次登录须设置新密码；已修改的以新密码为准）：`,
      );
      for (const a of seeded.accounts) {
        print(`    ${ROLE_LABELS[a.role].padEnd(8, '　')} 用户名 ${a.username.padEnd(10)}${a.department ? ` （${a.department}）` : ''}`);
      }
    }
    if (work) print('  示范数据（计划、企业名录、双随机与监督抽查）正在载入，页面已可访问，载入完成后另行提示');
    print('  按 Ctrl+C 停止服务');
    print('');

    const running = app;
    const opened = handle;
    let closing: Promise<void> | undefined;
    return {
      app: running,
      handle: opened,
      url,
      demoLoaded,
      close(closeOptions: { drainMs?: number } = {}) {
        closing ??= (async () => {
          closingDown = true; // the demo's loading stops after its current step (the next start goes on)
          clearTimeout(templateTimer);
          const cut = setTimeout(() => running.server.closeAllConnections(), closeOptions.drainMs ?? 2000);
          try {
            await control?.close();
            // the queue stops fetching at once; a job in progress gets 1.5 s, else it is retried later
            await Promise.all([running.close(), jobsStarting?.then(() => jobs?.stop(1500))]);
          } finally {
            clearTimeout(cut);
            await opened.close();
            // its current query ended with the database; it is done within moments
            await Promise.race([demoLoaded, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
          }
        })();
        return closing;
      },
    };
  } catch (e) {
    await app?.close().catch(() => {});
    // Also when building the app failed while the database's steps ran: wait for them, then close it.
    await dbSteps.catch(() => {});
    const h = handle ?? (await opening.catch(() => undefined));
    await h?.close().catch(() => {});
    throw e;
  }
}
