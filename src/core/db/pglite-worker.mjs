// Embedded PostgreSQL: PGlite on this worker thread behind pglite-socket, so the main thread talks
// to it with node-postgres like to any server and stays responsive while a query runs.
// Plain JavaScript on purpose: worker threads do not inherit the TypeScript loader.
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const { pgDataDir, maxConnections, initOnly, sharedBuffers, migrationsFolder } = workerData;
// PostgreSQL's default 128MB of shared buffers is most of an embedded server's memory once touched;
// a county's data fits in far less (ZHILIANG_PGLITE_SHARED_BUFFERS to change).
const postgresqlconf = [`shared_buffers = ${sharedBuffers || '16MB'}`];
// pg_trgm: trigram indexes for searching enterprise names by a fragment (src/enterprises, issue 11)
const extensions = { pg_trgm };
let db;
let server;

parentPort.on('message', async (msg) => {
  if (msg?.type === 'gc') {
    // the server finished a large one-off job (the demo's content): give back this thread's heap
    // (src/core/gc.ts says why; plain JavaScript here, so the same three lines)
    v8.setFlagsFromString('--expose-gc');
    vm.runInNewContext('gc')();
    return;
  }
  if (msg?.type !== 'close') return;
  try {
    if (server) await server.stop();
    if (db && !db.closed) await db.close();
    parentPort.postMessage({ type: 'closed' });
  } catch (e) {
    parentPort.postMessage({ type: 'closed', error: String(e?.stack ?? e) });
  }
});

try {
  if (initOnly) {
    // A new data directory: run initdb in this throwaway thread and end it. The WebAssembly memory
    // initdb grows (about 480 MiB) is never given back while the thread lives, so the server's
    // database thread starts afresh on the initialised directory.
    // With `migrationsFolder` it also applies the migrations here, straight on PGlite (no socket
    // round trips), so the directory can be kept as the template of later fresh starts (template.ts).
    const init = await PGlite.create({ dataDir: pgDataDir, postgresqlconf, extensions });
    if (migrationsFolder) {
      const { drizzle } = await import('drizzle-orm/pglite');
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(drizzle(init), { migrationsFolder });
    }
    await init.close();
    parentPort.postMessage({ type: 'initialized' });
  } else {
    db = await PGlite.create({ dataDir: pgDataDir, postgresqlconf, extensions });
    // port 0: a free port chosen by the OS, never 5432 where a real PostgreSQL may listen
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
    await server.start();
    const port = Number(server.getServerConn().split(':').pop());
    parentPort.postMessage({ type: 'ready', port });
  }
} catch (e) {
  parentPort.postMessage({ type: 'error', message: String(e?.message ?? e), stack: String(e?.stack ?? '') });
}
