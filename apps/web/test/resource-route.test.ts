import { data, redirect } from '@remix-run/node';
import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '@shequ/permissions';
import { UseCaseError } from '@shequ/use-cases';
import { badRequest, forbidden, notFound } from '~/lib/http.server.ts';
import { refuseQueryPeriod } from '~/lib/query-params.ts';
import { queryYears } from '~/lib/query-years.ts';
import { DAY_YEAR_MAX, DAY_YEAR_MIN } from '@shequ/domain';
import { isNavigation, type ResourceAnswer, resourceRoute } from '~/lib/resource-route.server.ts';

// Issue 17: a resource route's refusal was answered by React Router as {"message":"Unexpected Server Error"} (English,
// whatever the status). resourceRoute answers it with the status and a translated message, in the route's form.
const request = (headers: Record<string, string> = {}) => new Request('http://localhost/community/volunteers/shifts/x/qr', { headers });
const answer = async (kind: ResourceAnswer, thrown: () => never, headers?: Record<string, string>) => {
  const logged: unknown[] = [];
  const res = await resourceRoute(kind, async () => thrown())({ request: request(headers), context: { log: { error: (o: object) => logged.push(o) } } } as never);
  return { res, body: await res.text(), logged };
};
const CHINESE = /[\u4e00-\u9fff]/;

describe('a refused resource route answers in words (issue 17)', () => {
  it.each([
    ['notFound()', () => notFound(), 404, '您访问的页面不存在'],
    ['forbidden()', () => forbidden(), 403, '无权'],
    ['badRequest()', () => badRequest(), 400, '请求无效'],
    ['a permission refusal', () => { throw new ForbiddenError('read', 'VolunteerShift'); }, 403, '无权'],
    ['a use case refusal', () => { throw new UseCaseError('volunteer.shift.notFound'); }, 404, '没有找到这个班次'],
    ['a day that is not one', () => refuseQueryPeriod({ ok: false, kind: 'day', name: 'day', asked: '2026-02-30' }), 400, '2026-02-30'],
  ] as const)('%s: its status, Chinese text/plain, no English fallback, no stack', async (_name, thrown, status, words) => {
    const { res, body } = await answer('text', thrown as () => never);
    expect(res.status).toBe(status);
    expect(res.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(body).toMatch(CHINESE);
    expect(body).toContain(words);
    expect(body).not.toMatch(/Unexpected|Error|at \w+ \(/);
  });

  it('speaks JSON to a JSON client (the care app) and HTML to a browser opening a file, in the asked language', async () => {
    const json = await answer('json', () => forbidden());
    expect(json.res.status).toBe(403);
    expect(json.res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(JSON.parse(json.body)).toMatchObject({ ok: false, id: null, key: 'errors.forbidden', code: 'forbidden', message: expect.stringMatching(CHINESE) });
    const page = await answer('page', () => { throw new UseCaseError('volunteer.shift.notFound'); });
    expect(page.res.status).toBe(404);
    expect(page.res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(page.body).toMatch(/<html lang="zh-CN">[\s\S]*<h1>页面不存在<\/h1>/);
    expect(page.body).toContain('返回首页');
    const english = await answer('text', () => notFound(), { Cookie: 'lang=en', 'Accept-Language': 'en' });
    expect(english.body).not.toMatch(CHINESE);
    expect(english.body.length).toBeGreaterThan(10);
  });

  it('a use case refusal keeps its own message and values; a bug is a logged 500 in words; a redirect goes through', async () => {
    const own = await answer('json', () => { throw new UseCaseError('volunteer.shift.notFound'); });
    expect(JSON.parse(own.body)).toMatchObject({ key: 'refusals.volunteer.shift.notFound', code: 'volunteer.shift.notFound' });
    const bug = await answer('text', () => { throw new TypeError('cannot read x of undefined'); });
    expect(bug.res.status).toBe(500);
    expect(bug.body).toMatch(CHINESE);
    expect(bug.body).not.toContain('undefined');
    expect(bug.logged).toHaveLength(1);
    await expect(resourceRoute('page', async () => { throw redirect('/login'); })({ request: request() } as never)).rejects.toMatchObject({ status: 302 });
    const ok = await resourceRoute('text', async () => new Response('fine'))({ request: request() } as never);
    expect(await ok.text()).toBe('fine');
  });
});

describe('the years a 400 page names when the refusal does not carry them (one constant, decision 073 review)', () => {
  it('a day or month: the days’ years (DAY_YEAR_MIN, 1900 — it said 2000 on the error page); a year: the reports’ years', async () => {
    expect(queryYears('day')).toEqual({ min: DAY_YEAR_MIN, max: DAY_YEAR_MAX });
    expect(queryYears('month')).toEqual({ min: 1900, max: 2100 });
    expect(queryYears('year')).toEqual({ min: 2000, max: 2100 });
    const bare = (kind: string) => () => {
      throw data({ code: 'badQuery', kind, name: kind, value: '9999-99' }, { status: 400 });
    };
    expect((await answer('text', bare('month') as () => never)).body).toContain('1900 至 2100');
    expect((await answer('text', bare('year') as () => never)).body).toContain('2000 至 2100');
  });
});

describe('a refusal opened as a page in a staff member’s browser is drawn in the shell; anything else gets the plain answer (issue 12)', () => {
  it('tells a page opened (a link, an address, a form post) from a file loaded into one (an image, a fetch)', () => {
    expect(isNavigation(request({ 'Sec-Fetch-Mode': 'navigate', Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }))).toBe(true);
    expect(isNavigation(request({ 'Sec-Fetch-Mode': 'no-cors', Accept: 'image/avif,image/webp,*/*' }))).toBe(false);
    expect(isNavigation(request({ 'Sec-Fetch-Mode': 'cors', Accept: 'text/html' }))).toBe(false);
    // A client that sends no Sec-Fetch-Mode: by what it accepts.
    expect(isNavigation(request({ Accept: 'text/html' }))).toBe(true);
    expect(isNavigation(request({ Accept: '*/*' }))).toBe(false);
    expect(isNavigation(request())).toBe(false);
  });

  it('renders the shell page only for a signed-in staff member’s navigation: a fetch, or no session, keeps the plain refusal', async () => {
    const rendered: string[] = [];
    const context = { log: { error: () => undefined }, renderPage: async (r: Request) => (rendered.push(r.url), new Response('<html>shell</html>', { status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8' } })) };
    const run = (headers: Record<string, string>) => resourceRoute('page', async () => forbidden())({ request: request(headers), context } as never);
    const fetched = await run({ 'Sec-Fetch-Mode': 'cors' });
    expect(fetched.status).toBe(403);
    expect(await fetched.text()).toContain('无权');
    // Signed out (no session cookie): the plain page, never the shell.
    const signedOut = await run({ 'Sec-Fetch-Mode': 'navigate', Accept: 'text/html' });
    expect(await signedOut.text()).not.toContain('shell');
    expect(rendered).toEqual([]);
  });
});
