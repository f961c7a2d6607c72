// pnpm bench sign-in: how long a sign-in takes end to end (argon2id verify + session insert) against the
// local database, and how long resolving a session (every signed-in request) takes. Prints p50/p95.
import { createDb, SYSTEM_SCOPES, withSystem } from '@shequ/db';
import { anonymousCaller, resolveSession, signIn } from '../src/index.ts';
import { DEMO_PASSWORD } from '../src/seed/index.ts';

const url = process.env.DATABASE_APP_URL ?? 'postgres://shequ_app:shequ_app@127.0.0.1:5432/shequ';
const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 50);
const db = createDb(url, { max: 4 });

function pct(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

try {
  const signInMs: number[] = [];
  const resolveMs: number[] = [];
  let token = '';
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    token = (await withSystem(db, SYSTEM_SCOPES.authentication, 'bench', (tx) => signIn(tx, anonymousCaller(), { identifier: '13800000004', password: DEMO_PASSWORD, ip: null, userAgent: 'bench' }))).token;
    signInMs.push(performance.now() - t0);
    const t1 = performance.now();
    await withSystem(db, SYSTEM_SCOPES.authentication, 'bench', (tx) => resolveSession(tx, anonymousCaller(), { token }));
    resolveMs.push(performance.now() - t1);
  }
  console.log(`sign-in:         p50=${pct(signInMs, 50).toFixed(1)}ms p95=${pct(signInMs, 95).toFixed(1)}ms (${rounds} rounds)`);
  console.log(`resolve session: p50=${pct(resolveMs, 50).toFixed(2)}ms p95=${pct(resolveMs, 95).toFixed(2)}ms`);
  console.log(`bench sign-in: p95_ms=${pct(signInMs, 95).toFixed(0)} resolve_p95_ms=${pct(resolveMs, 95).toFixed(1)} rounds=${rounds}`);
} finally {
  await db.close();
}
