// How long a failed sign-in takes for an existing name and for an unknown one (the answers are the
// same; the time should be too, or it tells an attacker which names exist). Interleaved, each
// attempt from its own address so no throttle applies, on the embedded database (and PostgreSQL
// with TEST_DATABASE_URL).
//   npx tsx bench/login-timing.ts [--runs 60]
import { performance } from 'node:perf_hooks';
import { login } from '../src/org/auth/service';
import { LoginThrottle } from '../src/core/login-throttle';
import { createUser } from '../src/org/auth/users';
import { openTestDb, TEST_DATABASE_URL } from '../src/core/db/testing';
import { makeTenant } from '../src/org/testing';
import { machine, median } from './platform-process';
import { setAuditKey } from '../src/org/audit/chain';

// Audit entries written here are signed with a key of this run (the server loads its own from the key directory).
setAuditKey((await import('node:crypto')).randomBytes(32));

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 60;

function p(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

console.log(machine());
for (const tier of (TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']) as ('pglite' | 'postgres')[]) {
  const t = await openTestDb(tier);
  try {
    const { tenantId, admin } = await makeTenant(t.db);
    await createUser(t.db, admin, { username: 'wang', displayName: '王', password: 'Secret2026pw', role: 'office' });
    const throttle = new LoginThrottle({ accountMaxFailures: 1e9, pairMaxFailures: 1e9, addressMaxFailures: 1e9 });
    const time = async (username: string, i: number) => {
      const t0 = performance.now();
      await login(t.db, { tenantId, username, password: 'Wrong2026pw', address: `10.0.${i >> 8}.${i & 255}` }, { throttle }).catch(() => {});
      return performance.now() - t0;
    };
    for (let i = 0; i < 5; i++) await time(i % 2 ? 'wang' : 'nobody', i); // warm-up
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2) {
        known.push(await time('wang', 1000 + i));
        unknown.push(await time(`nobody${i}`, 5000 + i));
      } else {
        unknown.push(await time(`nobody${i}`, 5000 + i));
        known.push(await time('wang', 1000 + i));
      }
    }
    const mk = median(known);
    const mu = median(unknown);
    console.log(
      `${tier}: existing name p50 ${mk.toFixed(1)} ms p90 ${p(known, 0.9).toFixed(1)} ms; unknown name p50 ${mu.toFixed(1)} ms p90 ${p(unknown, 0.9).toFixed(1)} ms; unknown/existing at p50 ${(mu / mk).toFixed(2)} (${runs} each)`,
    );
  } finally {
    await t.dispose();
  }
}
