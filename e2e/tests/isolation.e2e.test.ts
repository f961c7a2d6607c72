import { afterAll, describe, expect, it } from 'vitest';
import { createStaffUser, newestCase, removeFixtures } from '../support/fixtures.ts';

// Staff of one community probing another community's wishes by URL and by direct request, with its real ids.
const BASE = process.env.E2E_BASE_URL ?? 'http://localhost:3000';

afterAll(async () => {
  await removeFixtures();
});

async function signInAs(mobile: string) {
  const res = await fetch(`${BASE}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `identifier=${mobile}&password=Shequ%402026`,
    redirect: 'manual',
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await fetch(`${BASE}/community`, { headers: { Cookie: cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
  return { cookie, csrf };
}

describe('another community’s wishes', () => {
  it('cannot be listed, opened, acted on, revealed or seen in photos by staff of 碧海社区', async () => {
    // A wish of 金元社区 with a photo, as a resident would send it.
    const admin = await signInAs('13800000004');
    const qrPage = await (await fetch(`${BASE}/community/qr`, { headers: { Cookie: admin.cookie } })).text();
    const path = /\/c\/jinyuan\/q\/[A-Za-z0-9_-]{22}/.exec(qrPage)![0];
    const formPage = await (await fetch(`${BASE}${path}`)).text();
    const category = /<option value="([0-9a-f-]{36})">其他<\/option>/.exec(formPage)![1]!;
    const form = new FormData();
    form.set('categoryId', category);
    form.set('content', `隔离测试 ${Date.now()}`);
    form.set('mobile', '13512345678');
    form.set('consent', 'on');
    form.set('photos', new Blob([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')], { type: 'image/png' }), 'p.png');
    expect((await fetch(`${BASE}${path}`, { method: 'POST', body: form, redirect: 'manual' })).status).toBe(302);
    const victim = await newestCase('jinyuan');
    expect(victim.photoId).not.toBeNull();

    const outsider = await createStaffUser('碧海社工', 'community_admin', 'bihai');
    const { cookie, csrf } = await signInAs(outsider.mobile);
    const as = (url: string, init: RequestInit = {}) => fetch(`${BASE}${url}`, { ...init, headers: { Cookie: cookie, ...(init.headers ?? {}) }, redirect: 'manual' });

    const inbox = await (await as(`/community/cases?q=${encodeURIComponent(victim.content)}`)).text();
    expect(inbox).not.toContain(victim.trackingCode.slice(0, 5));
    // The inbox's assignee filter offers only this community's people, not 金元社区's (刘伟, 张丽).
    expect(inbox).toContain('碧海社工');
    expect(inbox).not.toContain('刘伟');
    expect(inbox).not.toContain('张丽');
    expect((await as(`/community/cases/${victim.id}`)).status).toBe(404);
    expect((await as(`/community/cases/${victim.id}/photos/${victim.photoId}`)).status).toBe(404);
    for (const intent of ['accept', 'reveal', 'reply', 'resolve', 'reject']) {
      const res = await as(`/community/cases/${victim.id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, intent, body: 'x', reason: 'spam' }).toString(),
      });
      expect(res.status, intent).toBe(404);
      expect(await res.text()).not.toContain('13512345678');
    }
    // Their own community's tracking page does not know the other's code either.
    const track = await fetch(`${BASE}/c/bihai/track/${victim.trackingCode}`);
    expect(track.status).toBe(404);
    expect(await track.text()).toContain('没有找到对应的诉求');
    // And the owner community's case is untouched.
    const mine = await (await fetch(`${BASE}/community/cases/${victim.id}`, { headers: { Cookie: admin.cookie } })).text();
    expect(mine).toContain('待受理');
  });
});
