// Spawned by db.test.ts as a separate process: opens a data directory with createDb and reports
// on stdout as JSON lines. Usage: node --import tsx open-datadir.fixture.ts <dataDir> <mode>
//   mode "try":  open, report {ok:true} or {ok:false, code, message}, close, exit
//   mode "hold": open, insert a row into a probe table, report {ok:true, pid}, wait forever
//   mode "exit": open, report, then process.exit(0) without closing
import { sql } from 'drizzle-orm';
import { createDb } from './index';
import { migrate } from './migrate';

const [dataDir, mode] = process.argv.slice(2);
try {
  const h = await createDb({ dataDir: dataDir!, poolSize: 2 });
  if (mode === 'hold') {
    await migrate(h.db);
    await h.db.execute(sql`create table if not exists crash_probe (n int)`);
    await h.db.execute(sql`insert into crash_probe values (42)`);
    console.log(JSON.stringify({ ok: true, pid: process.pid }));
    setInterval(() => {}, 1 << 30);
  } else if (mode === 'exit') {
    process.stdout.write(`${JSON.stringify({ ok: true, pid: process.pid })}\n`, () => process.exit(0));
  } else {
    console.log(JSON.stringify({ ok: true, pid: process.pid }));
    await h.close();
  }
} catch (e) {
  const err = e as { code?: string; message?: string };
  console.log(JSON.stringify({ ok: false, code: err.code, message: err.message }));
  process.exitCode = 3;
}
