// The load of issue 7's first finding, as a reusable driver: N clients sign in as the demo roles and
// loop GET /api/auth/me, one of them also creating plans; every answer's identity is checked. Used by
// the embedded-concurrency test and by bench/embedded-db.ts.
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_SEEDS_DIR } from '../plans/import';

export interface IdentityLoadOptions {
  /** http://127.0.0.1:port */
  baseUrl: string;
  password: string;
  /** default 12 */
  clients?: number;
  /** how long the loop runs (default 4000 ms) */
  durationMs?: number;
  /** default ['admin', 'office', 'dept', 'inspector'] */
  usernames?: string[];
  /** one office client also creates plans (default true) */
  createPlans?: boolean;
  /** each client goes on past durationMs until it made this many requests (default 0), for at most 30 s more */
  minPerClient?: number;
}

export interface IdentityLoadResult {
  requests: number;
  /** GET /api/auth/me answers */
  meAnswers: number;
  plansCreated: number;
  perClient: number[];
  /** wrong identity, 401 on a live session, any 5xx, network errors: each one line */
  problems: string[];
  elapsedMs: number;
}

interface Answer {
  status: number;
  body: unknown;
  setCookie: string | null;
}

async function call(baseUrl: string, method: string, url: string, cookie: string | undefined, body?: unknown, raw?: { payload: Buffer; contentType: string }): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  let payload: BodyInit | undefined;
  if (raw) {
    headers['content-type'] = raw.contentType;
    payload = new Uint8Array(raw.payload);
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // Same-origin requests, as the web app sends them (state-changing requests may check Origin).
  if (method !== 'GET') headers.origin = baseUrl;
  const res = await fetch(baseUrl + url, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, setCookie: res.headers.get('set-cookie') };
}

function cookieFrom(setCookie: string | null): string | undefined {
  const m = setCookie?.match(/((?:__Host-)?zl_session=[^;]+)/);
  return m?.[1];
}

function multipart(fileName: string, bytes: Buffer): { payload: Buffer; contentType: string } {
  const boundary = '----zhiliang-load-boundary';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Runs the load and reports every wrong answer; never throws for a wrong answer. */
export async function runIdentityLoad(opts: IdentityLoadOptions): Promise<IdentityLoadResult> {
  const clients = opts.clients ?? 12;
  const usernames = opts.usernames ?? ['admin', 'office', 'dept', 'inspector'];
  const durationMs = opts.durationMs ?? 4000;
  const problems: string[] = [];
  const problem = (line: string) => {
    if (problems.length < 200) problems.push(line);
  };
  const perClient = new Array<number>(clients).fill(0);
  let meAnswers = 0;
  let plansCreated = 0;

  // sign in all clients at once (as a dozen people in one office would)
  const sessions = await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const username = usernames[i % usernames.length];
      const res = await call(opts.baseUrl, 'POST', '/api/auth/login', undefined, { username, password: opts.password });
      const cookie = cookieFrom(res.setCookie);
      if (res.status !== 200 || !cookie) {
        problem(`client ${i} (${username}): sign-in answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        return null;
      }
      const user = (res.body as { user: { id: string; username: string } }).user;
      return { username, userId: String(user.id), cookie };
    }),
  );

  // the plan creator's confirm body: parse a seed once, then confirm it again and again
  let confirmBody: unknown;
  const creator = opts.createPlans === false ? -1 : sessions.findIndex((s) => s?.username === 'office');
  if (creator >= 0) {
    const { autoResolve, confirmInputFrom } = await import('../plans/import');
    const file = fs.readdirSync(DEMO_SEEDS_DIR).filter((f) => /\.(txt|html?|docx|pdf)$/i.test(f)).sort()[0];
    const parsed = await call(opts.baseUrl, 'POST', '/api/plans/import/parse', sessions[creator]!.cookie, undefined, multipart(file, fs.readFileSync(path.join(DEMO_SEEDS_DIR, file))));
    if (parsed.status !== 200) problem(`plan parse answered ${parsed.status} ${JSON.stringify(parsed.body).slice(0, 200)}`);
    else {
      const review = parsed.body as Parameters<typeof confirmInputFrom>[0];
      confirmBody = confirmInputFrom(review, autoResolve(review.departments), { allowDuplicate: true });
    }
  }

  const t0 = performance.now();
  const deadline = t0 + durationMs;
  const hardDeadline = deadline + 30_000;
  const minPerClient = opts.minPerClient ?? 0;
  await Promise.all(
    sessions.map(async (s, i) => {
      if (!s) return;
      let n = 0;
      while (performance.now() < deadline || (n < minPerClient && performance.now() < hardDeadline)) {
        try {
          if (i === creator && confirmBody && n % 4 === 3) {
            const res = await call(opts.baseUrl, 'POST', '/api/plans', s.cookie, confirmBody);
            if (res.status === 200) plansCreated++;
            else problem(`client ${i} (${s.username}): POST /api/plans answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          } else {
            const res = await call(opts.baseUrl, 'GET', '/api/auth/me', s.cookie);
            meAnswers++;
            const user = (res.body as { user?: { id: string; username: string } }).user;
            if (res.status !== 200) problem(`client ${i} (${s.username}): GET /api/auth/me answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
            else if (user?.username !== s.username || String(user.id) !== s.userId) {
              problem(`client ${i} (${s.username}): GET /api/auth/me answered 200 as ${user?.username} (user ${user?.id})`);
            }
          }
        } catch (e) {
          problem(`client ${i} (${s.username}): request failed: ${(e as Error).message}`);
        }
        n++;
        perClient[i] = n;
      }
    }),
  );
  return { requests: perClient.reduce((a, b) => a + b, 0), meAnswers, plansCreated, perClient, problems, elapsedMs: performance.now() - t0 };
}
