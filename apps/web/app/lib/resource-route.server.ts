import type { AppLoadContext } from '@remix-run/node';
import { ForbiddenError } from '@shequ/permissions';
import { createI18n, isMessageKey } from './i18n.ts';
import { getLocale } from './locale.server.ts';
import { describeRefusal, isRefusal } from './refusal.server.ts';
import { queryYears } from './query-years.ts';
import { getSession } from './session.server.ts';

/*
 * Resource routes (a route module without a page: a QR image, a photo, a file to download, the care app's sync) have
 * no error boundary: a refusal thrown in their loader or action (notFound(), forbidden(), a CSRF failure, runAsStaff's
 * 403/404, a use case's UseCaseError) reached React Router, which answered it with the right status but the English
 * body {"message":"Unexpected Server Error"} (issue 17's outside trial, /community/volunteers/shifts/<id>/qr). Every
 * resource route's loader and action goes through resourceRoute below (apps/web/test/routes.test.ts checks it), which
 * answers any refusal itself: the right status, a message in the request's language (Chinese first), no stack, in
 * the form the route's client reads (decision 058).
 */

/**
 * What a resource route's client reads when it is refused:
 * - `text`: text/plain (an image or a QR code an <img> loads, or a script that fetches it);
 * - `page`: a small HTML page with the message and a link home (a file opened or downloaded from a link, a form post
 *   that redirects);
 * - `json`: `{ ok: false, id: null, key, message, params, code }` (the care app's sync, the health checks), the shape
 *   of the care sync's own refusals (SyncAnswer).
 */
export type ResourceAnswer = 'text' | 'page' | 'json';

/** A refusal as the answer says it: status, message key and its values, title key (page), code (json). */
export type Described = { status: number; key: string; params: Record<string, string | number>; title: string; code: string | null };

const TITLES: Record<number, string> = { 400: 'errors.serverTitle', 403: 'errors.forbiddenTitle', 404: 'errors.notFoundTitle', 413: 'errors.tooLargeTitle' };
const titleOf = (status: number) => TITLES[status] ?? (status >= 500 ? 'errors.serverTitle' : 'errors.refusedTitle');

/** The message of a status when nothing more precise is known. */
function byStatus(status: number): string {
  if (status === 403) return 'errors.forbidden';
  if (status === 404) return 'errors.notFound';
  if (status === 413) return 'errors.tooLarge';
  if (status === 429) return 'errors.tooMany';
  return status >= 500 ? 'errors.server' : 'errors.badRequest';
}

/** What Remix's `data()` (thrown by notFound(), forbidden(), badRequest(), the CSRF check, refuseQueryPeriod) carries. */
function thrownData(error: unknown): { status: number; body: Record<string, unknown> } | null {
  if (!error || typeof error !== 'object' || (error as { type?: unknown }).type !== 'DataWithResponseInit') return null;
  const { data: body, init } = error as { data: unknown; init?: ResponseInit | null };
  return { status: init?.status ?? 500, body: body && typeof body === 'object' ? (body as Record<string, unknown>) : {} };
}

/**
 * What is refused and how it is said, or null for something that is not a refusal (a bug or an outage: answered as
 * a 500 with the server message, and logged). The codes are those the app's error page reads (components/error-page).
 */
export function describeThrown(error: unknown): Described | null {
  if (error instanceof ForbiddenError) return { status: 403, key: 'errors.forbidden', params: {}, title: titleOf(403), code: 'forbidden' };
  if (isRefusal(error)) {
    const r = describeRefusal(error);
    const { field: _field, ...params } = r.params;
    return { status: r.status, key: r.message, params, title: titleOf(r.status), code: error.code };
  }
  const thrown = thrownData(error);
  if (thrown && thrown.status < 500) {
    const code = typeof thrown.body.code === 'string' ? thrown.body.code : null;
    const { status } = thrown;
    if (code === 'badQuery') {
      const value = typeof thrown.body.value === 'string' ? thrown.body.value : '';
      const kind = thrown.body.kind === 'month' || thrown.body.kind === 'year' ? thrown.body.kind : 'day';
      const years = queryYears(kind);
      const bound = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
      return { status, key: kind === 'month' ? 'errors.badMonth' : kind === 'year' ? 'errors.badYear' : 'errors.badDay', params: { value, min: bound(thrown.body.min, years.min), max: bound(thrown.body.max, years.max) }, title: 'errors.badQueryTitle', code };
    }
    const key = code === 'csrf' ? 'auth.errors.csrf' : code === 'accountOutOfReach' ? 'staff.resetOutOfReach' : code === 'accountSelf' ? 'staff.resetSelf' : byStatus(status);
    return { status, key, params: {}, title: titleOf(status), code: code ?? (status === 403 ? 'forbidden' : status === 404 ? 'notFound' : null) };
  }
  return null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The answer to a refused request to a resource route: `described`'s status and message in the request's language
 * (zh-CN first; a key without a message falls back to the status's), never cached, in the form `answer` names.
 */
export function refusedResource(request: Request, answer: ResourceAnswer, described: Described): Response {
  const locale = getLocale(request);
  const i18n = createI18n(locale);
  const t = i18n.t as unknown as (key: string, values?: Record<string, unknown>) => string;
  const key = isMessageKey(i18n, described.key) ? described.key : byStatus(described.status);
  const message = t(key, described.params);
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  if (answer === 'json') return Response.json({ ok: false, id: null, key, message, params: described.params, ...(described.code ? { code: described.code } : {}) }, { status: described.status, headers });
  if (answer === 'text') return new Response(message, { status: described.status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  const title = t(described.title);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><p>${described.status}</p><h1>${escapeHtml(title)}</h1><p data-testid="error-message">${escapeHtml(message)}</p><p><a href="/">${escapeHtml(t('errors.home'))}</a></p></main></body></html>`;
  return new Response(html, { status: described.status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

type Args = { request: Request; context?: AppLoadContext };

/**
 * Whether the browser is opening the address as a page (a link followed, an address typed, a form posted), rather
 * than loading it into one (an <img>, a script's fetch, the care app's sync): `Sec-Fetch-Mode: navigate`, or, from a
 * client that does not send it, an Accept naming HTML.
 */
export function isNavigation(request: Request): boolean {
  const mode = request.headers.get('Sec-Fetch-Mode');
  if (mode) return mode === 'navigate';
  return /\btext\/html\b/.test(request.headers.get('Accept') ?? '');
}

/**
 * The answer to a refused request: to a signed-in staff member's browser opening the address as a page, the app's
 * own page inside their console's shell (routes/_staff+/refused.tsx, rendered through the web server's
 * `context.renderPage`), with the refusal's status and message and the places they may go instead; to anyone else
 * (an image, a fetch, a resident, a test calling the loader), refusedResource's plain answer in the route's form.
 */
async function answerRefusal(args: Args, answer: ResourceAnswer, described: Described): Promise<Response> {
  const render = args.context?.renderPage;
  if (render && isNavigation(args.request) && (await getSession(args.request).catch(() => null))?.active) {
    const page = await render(new Request(new URL('/refused', args.request.url), { headers: args.request.headers, signal: args.request.signal }), { refusal: described });
    // Anything but the page itself (a redirect: the session ended meanwhile) falls back to the plain answer.
    if (page.status === described.status && page.headers.get('Content-Type')?.startsWith('text/html')) return page;
  }
  return refusedResource(args.request, answer, described);
}

/**
 * Wraps a resource route's loader or action: its Response as it is; a thrown Response (a redirect: signed out, to
 * sign in) as it is; any refusal (see describeThrown) answered by answerRefusal (a page in the console's shell for a
 * staff member's browser, else refusedResource); anything else logged and answered as a 500 with the server message
 * (never React Router's English "Unexpected Server Error", never a stack).
 * Input: how the route's client reads a refusal, and the loader or action. Output: the wrapped function.
 */
export function resourceRoute<A extends Args>(answer: ResourceAnswer, fn: (args: A) => Response | Promise<Response>): (args: A) => Promise<Response> {
  return async (args: A) => {
    try {
      return await fn(args);
    } catch (error) {
      if (error instanceof Response) {
        if (error.status < 400) throw error;
        return answerRefusal(args, answer, { status: error.status, key: byStatus(error.status), params: {}, title: titleOf(error.status), code: null });
      }
      const described = describeThrown(error);
      if (described) return answerRefusal(args, answer, described);
      if (args.request.signal.aborted) throw error;
      (args.context as { log?: { error: (o: object, m: string) => void } } | undefined)?.log?.error({ err: error, url: args.request.url }, 'unhandled error in a resource route');
      return answerRefusal(args, answer, { status: 500, key: 'errors.server', params: {}, title: titleOf(500), code: null });
    }
  };
}
