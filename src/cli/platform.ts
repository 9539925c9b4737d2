// Platform commands: `serve` (the default), `db migrate`, `users create`.
// Errors: one Chinese line on stderr with the stable code, exit status 2, no stack trace.
import { Command, CommanderError, Option } from 'commander';
import { loadConfig, type Config } from '../core/config';
import { AppError } from '../core/errors';
import { takeEarlyOpening } from './early-open';

/** Exit status of a refused command (bad input, locked data directory, ...). */
export const EXIT_FAILURE = 2;

const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** Commander's English messages for common mistakes, in Chinese. */
function translateCommanderError(err: CommanderError): string {
  const m = err.message.replace(/^error:\s*/, '');
  let r: RegExpMatchArray | null;
  if ((r = m.match(/unknown option '([^']+)'/))) return `不认识的选项 ${r[1]}，请用 --help 查看用法`;
  if ((r = m.match(/unknown command '([^']+)'/))) return `不认识的命令 ${r[1]}，请用 --help 查看用法`;
  if ((r = m.match(/required option '([^']+)' not specified/))) return `缺少必填选项 ${r[1]}`;
  if ((r = m.match(/option '([^']+)' argument missing/))) return `选项 ${r[1]} 缺少取值`;
  if ((r = m.match(/missing required argument '([^']+)'/))) return `缺少参数 ${r[1]}`;
  if ((r = m.match(/too many arguments for '([^']+)'/)) && r[1] === 'serve') return '不认识的命令或多余的参数，请用 --help 查看用法';
  if ((r = m.match(/too many arguments/))) return '参数过多，请用 --help 查看用法';
  if ((r = m.match(/option '([^']+)' argument '([^']+)' is invalid/))) return `选项 ${r[1]} 的取值 ${r[2]} 无效`;
  return m;
}

export function formatCliError(err: unknown): string {
  if (err instanceof AppError) return `错误 [${err.code}]：${err.message}`;
  if (err instanceof CommanderError) return `错误 [USAGE]：${translateCommanderError(err)}`;
  const e = err as { code?: unknown; message?: unknown };
  if (e && typeof e.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(e.code) && typeof e.message === 'string' && /[\u4e00-\u9fff]/.test(e.message)) {
    return `错误 [${e.code}]：${e.message}`;
  }
  const detail = e && typeof e.message === 'string' ? e.message.split('\n')[0] : String(err);
  return `错误 [INTERNAL_ERROR]：内部错误：${detail}`;
}

function fail(err: unknown): never {
  process.stderr.write(`${formatCliError(err)}\n`);
  process.exit(EXIT_FAILURE);
}

/** Runs an action; any error becomes one line on stderr and exit status 2. */
function guarded<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      fail(err);
    }
  };
}

function chineseHelp(cmd: Command): void {
  cmd.configureHelp({ styleTitle: (s: string) => HELP_TITLES[s] ?? s });
  cmd.helpOption('-h, --help', '显示帮助');
  cmd.exitOverride((err) => {
    // --help and --version end normally; help shown for a missing subcommand is a usage error.
    if (err.exitCode === 0) process.exit(0);
    if (err.code === 'commander.help' || err.code === 'commander.helpDisplayed') process.exit(EXIT_FAILURE);
    fail(err);
  });
  cmd.configureOutput({
    // Our exitOverride prints the Chinese line; silence commander's English one.
    writeErr: (s: string) => {
      if (!s.startsWith('error:')) process.stderr.write(s);
    },
  });
  for (const sub of cmd.commands) chineseHelp(sub);
}

function configWith(overrides: { port?: string; host?: string; dataDir?: string }): Config {
  const env = { ...process.env };
  if (overrides.port !== undefined) env.PORT = overrides.port;
  if (overrides.host !== undefined) env.HOST = overrides.host;
  if (overrides.dataDir !== undefined) env.ZHILIANG_DATA_DIR = overrides.dataDir;
  return loadConfig(env);
}

async function serve(opts: { port?: string; host?: string; dataDir?: string }): Promise<void> {
  const config = configWith(opts);
  const opening = takeEarlyOpening(config);
  const { startServer } = await import('../server/start');
  const server = await startServer(config, { opening });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // a second Ctrl+C: stop now (the database survives this like a power cut)
      server.handle.close().catch(() => {});
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`\n收到 ${signal}，正在停止服务……\n`);
    // the close below is bounded (about 5 s); this is the last resort if something still hangs
    setTimeout(() => {
      process.stderr.write('错误 [SHUTDOWN_TIMEOUT]：停止服务超时，强制退出\n');
      process.exit(1);
    }, 8000).unref();
    server
      .close()
      .then(() => {
        process.stdout.write('服务已停止\n');
        process.exit(0);
      })
      .catch((err) => fail(err));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function dbMigrate(opts: { dataDir?: string }): Promise<void> {
  const config = configWith(opts);
  const { createDb } = await import('../core/db');
  const { prepareDatabase } = await import('../server/database');
  const handle = await createDb({ ...config, migratedTemplate: true });
  try {
    await prepareDatabase(handle.db);
  } finally {
    await handle.close();
  }
  process.stdout.write(
    `数据库迁移完成（${handle.mode === 'embedded' ? `内置数据库，数据目录 ${config.dataDir}` : '外部 PostgreSQL'}）\n`,
  );
}

async function dbBackupCommand(file: string, opts: { dataDir?: string; portable?: boolean }): Promise<void> {
  const { dbBackup } = await import('./backup');
  const r = await dbBackup(file, opts);
  const size = r.bytes >= 1024 * 1024 ? `${(r.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(r.bytes / 1024))} KB`;
  const what = r.format === 'pg_dump' ? 'pg_dump custom 格式' : `${r.tables} 张表、${r.rows} 行`;
  const via = r.via === 'running-server' ? '（由运行中的服务写出）' : '';
  process.stdout.write(`已备份到 ${r.file}：${what}，${size}${via}\n`);
  process.stdout.write(`注意：审计日志和个人信息的密钥不在备份中（${cliConfigKeyDir(opts)}），请另行妥善备份\n`);
}

function cliConfigKeyDir(opts: { dataDir?: string }): string {
  return configWith(opts).keyDir;
}

async function dbRestoreCommand(file: string, opts: { dataDir?: string }): Promise<void> {
  const { dbRestore } = await import('./backup');
  const r = await dbRestore(file, opts);
  const counts = r.tables !== undefined ? `：${r.tables} 张表、${r.rows} 行` : '';
  process.stdout.write(`已恢复到${r.target}${counts}\n`);
  process.stdout.write(`审计日志校验和个人信息解密需要原来的密钥目录，请把它放到 ${cliConfigKeyDir(opts)}\n`);
}

interface UsersCreateOptions {
  username: string;
  role: string;
  password: string;
  department?: string;
  displayName?: string;
  dataDir?: string;
}

async function usersCreate(opts: UsersCreateOptions): Promise<void> {
  const { openCliDatabase } = await import('./database');
  const { createUserFromCli } = await import('./platform-users');
  const { handle, config } = await openCliDatabase(opts);
  try {
    const created = await createUserFromCli(handle.db, config, {
      username: opts.username,
      role: opts.role,
      password: opts.password,
      department: opts.department,
      displayName: opts.displayName,
    });
    process.stdout.write(
      `已创建用户 ${created.username}（${created.roleLabel}${created.departmentName ? `，${created.departmentName}` : ''}），编号 ${created.id}\n`,
    );
  } finally {
    await handle.close();
  }
}

async function auditVerify(opts: { dataDir?: string; tenant?: string }): Promise<void> {
  const config = configWith(opts);
  const { createDb } = await import('../core/db');
  const { migrate } = await import('../core/db/migrate');
  const chain = await import('../org/audit/chain');
  chain.loadAuditKey(config.keyDir);
  const handle = await createDb({ ...config, poolSize: 2 });
  let broken = false;
  try {
    await migrate(handle.db);
    const tenantIds = opts.tenant === undefined ? undefined : [Number(opts.tenant)];
    if (tenantIds && !Number.isSafeInteger(tenantIds[0])) throw new AppError('INVALID_TENANT', `单位编号无效：${opts.tenant}`, 400);
    const reports = await chain.verifyAuditChain(handle.db, { tenantIds });
    if (reports.length === 0) process.stdout.write('审计日志为空，无需校验\n');
    for (const r of reports) {
      const legacy = r.legacy ? `；另有 ${r.legacy} 条启用校验链之前的记录未签名` : '';
      if (r.ok) {
        process.stdout.write(`单位 ${r.tenantId}：审计日志完好，已校验 ${r.verified} 条${legacy}\n`);
      } else {
        broken = true;
        const b = r.firstBreak!;
        process.stdout.write(
          `单位 ${r.tenantId}：审计日志被篡改。第一条损坏的记录：编号 ${b.id}，序号 ${b.seq ?? '无'}，时间 ${b.at.toISOString()}，操作 ${b.action}。原因：${b.message}（此前 ${r.verified} 条完好）\n`,
        );
      }
    }
  } finally {
    await handle.close();
  }
  if (broken) process.exit(1);
}

async function keysRotatePii(opts: { dataDir?: string; algorithm?: string }): Promise<void> {
  const config = configWith(opts);
  const pii = await import('../core/crypto/pii');
  const { PII_COLUMNS, reencryptColumn } = await import('../core/crypto/pii-rotation');
  if (opts.algorithm !== undefined && !(pii.PII_ALGORITHMS as readonly string[]).includes(opts.algorithm)) {
    throw new AppError('INVALID_ALGORITHM', `算法无效：${opts.algorithm}（可选 ${pii.PII_ALGORITHMS.join('、')}）`, 400);
  }
  const keyring = pii.rotatePiiKey(config.keyDir, { algorithm: opts.algorithm as import('../core/crypto/pii').PiiAlgorithm | undefined });
  process.stdout.write(`已生成新的个人信息密钥 ${keyring.active}（${keyring.algorithm}），密钥文件 ${pii.keyringFile(config.keyDir)}\n`);
  if (PII_COLUMNS.length === 0) {
    process.stdout.write('目前没有登记加密的个人信息列，无需重新加密\n');
    return;
  }
  const { createDb } = await import('../core/db');
  const { migrate } = await import('../core/db/migrate');
  const handle = await createDb({ ...config, poolSize: 2 });
  try {
    await migrate(handle.db);
    for (const col of PII_COLUMNS) {
      const n = await reencryptColumn(handle.db, keyring, col);
      process.stdout.write(`${col.table}.${col.column}：已重新加密 ${n} 条\n`);
    }
  } finally {
    await handle.close();
  }
  process.stdout.write('旧密钥仍保留在密钥文件中；确认无误并备份后可删除\n');
}

export function registerPlatformCommands(program: Command): void {
  const dataDirOption = () =>
    new Option('--data-dir <dir>', '内置数据库的数据目录（默认取环境变量 ZHILIANG_DATA_DIR，否则 ./data）');

  program
    .command('serve', { isDefault: true })
    .description('启动服务（默认命令）：打开数据库、执行迁移、首次启动时创建示范数据，然后监听 HTTP')
    .option('-p, --port <port>', '监听端口（默认取环境变量 PORT，否则 3000）')
    .option('--host <host>', '监听地址（默认取环境变量 HOST，否则 127.0.0.1）')
    .addOption(dataDirOption())
    .action(guarded(serve));

  const db = program.command('db').description('数据库维护');
  db.command('migrate')
    .description('执行数据库迁移（DATABASE_URL 指定的 PostgreSQL，或内置数据库）')
    .addOption(dataDirOption())
    .action(guarded(dbMigrate));

  db.command('backup')
    .description(
      '备份数据库到文件。内置数据库：服务运行时也可备份（由服务在一个一致的快照中写出）；PostgreSQL：调用 pg_dump（custom 格式）。密钥目录不在备份中，请另行备份',
    )
    .argument('<file>', '备份文件')
    .option('--portable', 'PostgreSQL 也使用本系统自带的格式（可恢复到内置数据库，或反之）')
    .addOption(dataDirOption())
    .action(guarded(dbBackupCommand));
  db.command('restore')
    .description('从备份文件恢复到空的数据目录（内置数据库）或空的数据库（DATABASE_URL）；不会覆盖已有数据')
    .argument('<file>', '备份文件（本系统格式或 pg_dump custom 格式）')
    .addOption(dataDirOption())
    .action(guarded(dbRestoreCommand));

  const users = program.command('users').description('用户管理');
  users
    .command('create')
    .description('创建用户（在本系统的主管单位下）')
    .requiredOption('--username <name>', '用户名（2–32 位字母、数字、下划线、点或连字符）')
    .addOption(
      new Option('--role <role>', '角色：admin 系统管理员、office 领导小组办公室、department 责任部门联络员、inspector 执法检查人员')
        .makeOptionMandatory(),
    )
    .requiredOption('--password <password>', '初始密码（至少 8 位，含大写字母、小写字母、数字、符号中的至少三类；用户首次登录须修改）')
    .option('--department <name>', '所属部门（名称、简称、别名或编号；角色为 department 时必填）')
    .option('--display-name <name>', '姓名（默认与用户名相同）')
    .addOption(dataDirOption())
    .action(guarded(usersCreate));

  const audit = program.command('audit').description('审计日志');
  audit
    .command('verify')
    .description('校验审计日志的 HMAC-SM3 链：列出每个单位第一条被改动、删除或插入的记录；有损坏时退出码为 1（内置数据库须先停止服务）')
    .option('--tenant <id>', '只校验此单位（编号）')
    .addOption(dataDirOption())
    .action(guarded(auditVerify));

  const keys = program.command('keys').description('密钥管理（密钥保存在数据库之外）');
  keys
    .command('rotate-pii')
    .description('轮换个人信息加密密钥：生成新密钥并设为当前密钥，再把已登记的加密列全部改用新密钥（内置数据库须先停止服务）')
    .option('--algorithm <alg>', '新密钥使用的算法：A256GCM（默认）或 SM4CTR-HSM3（国密）')
    .addOption(dataDirOption())
    .action(guarded(keysRotatePii));

  chineseHelp(program);
}
