import { afterAll, describe, expect, it } from 'vitest';
import { caseCount, createStaffUser, removeFixtures } from '../support/fixtures.ts';

// A web copy whose Redis is down (infra/local/test.mjs starts it): it says it is not ready, yet residents can
// still submit (nothing is lost) and staff can still sign in, with throttling falling back to local memory.
const NO_REDIS = process.env.E2E_NO_REDIS_URL;
const BASE = process.env.E2E_BASE_URL ?? 'http://localhost:3000';

afterAll(async () => {
  await removeFixtures();
});

describe.runIf(NO_REDIS)('with Redis down', () => {
  it('reports not ready, naming Redis', async () => {
    const res = await fetch(`${NO_REDIS}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { checks: Record<string, string> };
    expect(body.checks.postgres).toBe('ok');
    expect(body.checks.redis).not.toBe('ok');
  });

  it('still takes a resident’s wish, and it reaches PostgreSQL', async () => {
    // Find the community poster URL through the healthy copy's resident page links is not possible anonymously,
    // so read it from a signed-in admin session on the healthy copy.
    const login = await fetch(`${BASE}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'identifier=13800000004&password=Shequ%402026',
      redirect: 'manual',
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const qrPage = await (await fetch(`${BASE}/community/qr`, { headers: { Cookie: cookie } })).text();
    const path = /\/c\/jinyuan\/q\/[A-Za-z0-9_-]{22}/.exec(qrPage)![0];
    const formPage = await (await fetch(`${NO_REDIS}${path}`)).text();
    const category = /<option value="([0-9a-f-]{36})">其他<\/option>/.exec(formPage)![1]!;

    const before = await caseCount();
    const form = new FormData();
    form.set('categoryId', category);
    form.set('content', 'Redis 停了也要能提交：小区门口积水');
    const res = await fetch(`${NO_REDIS}${path}`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/\/c\/jinyuan\/track\/[0-9A-Z]{5}-[0-9A-Z]{5}\?new=1$/);
    expect(await caseCount()).toBe(before + 1);
  });

  it('limits guessing of tracking codes, with the same answer for wrong and foreign codes', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 31; i++) last = await fetch(`${NO_REDIS}/c/jinyuan/track/${String(i).padStart(5, '0')}-ZZZZZ`);
    expect(last!.status).toBe(429);
    expect(await last!.text()).toContain('查询太频繁');
  });

  it('still signs staff in, and still throttles guessing', async () => {
    const user = await createStaffUser('无 Redis 测试', 'community_staff');
    const attempt = (password: string) =>
      fetch(`${NO_REDIS}/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `identifier=${user.mobile}&password=${encodeURIComponent(password)}`,
        redirect: 'manual',
      });
    expect((await attempt('Shequ@2026')).status).toBe(302);
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}`)).status).toBe(401);
    const blocked = await attempt('Shequ@2026');
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('尝试次数过多');
  });
});
