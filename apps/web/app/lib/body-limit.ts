// How a route that takes files declares the largest body it takes (decision 060). The route exports
// `export const handle = takesBodyUpTo(bytes)`; the web server (server-app.mjs, through body-limits.mjs) reads it
// from the server build and lets bodies up to that bound through (every other route: 1 MB, refused above with plain
// text). Over its bound, the route is handed an empty body and answers for itself — `if (bodyTooLarge(request,
// handle)) return …` first thing in its action: a message beside the file field, or JSON for the phone app.
// apps/web/test/body-limits.test.ts fails for a route with a file input (or an action reading a file) that declares
// no bound or does not check it.

/** One mebibyte (the unit every bound here is written in). */
export const MB = 1024 * 1024;

/** Room for a multipart body's other fields and boundaries above the file it carries. */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

/** A route's `handle` declaring its body bound (bytes). */
export type BodyLimitHandle = { readonly bodyLimit: number };

/** The `handle` of a route whose bodies may be up to `bytes` long (its file's limit plus FORM_OVERHEAD_BYTES or more). */
export function takesBodyUpTo(bytes: number): BodyLimitHandle {
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new Error(`takesBodyUpTo: ${bytes} is not a byte count`);
  return { bodyLimit: bytes };
}

/**
 * Whether the request declares a body longer than the route's bound (its Content-Length; the web server hands such a
 * request an empty body, so the route must answer it without reading the form).
 */
export function bodyTooLarge(request: Request, handle: BodyLimitHandle): boolean {
  return Number(request.headers.get('Content-Length') ?? 0) > handle.bodyLimit;
}

/**
 * On a page with one upload form per row, which form sent a body too large to read (its fields are not read): the
 * key its action URL names (`<Form action={formUrl(key)}>`), if it is one of `keys`, else null.
 */
export function formNamedInUrl(request: Request, keys: (key: string) => boolean): string | null {
  const key = new URL(request.url).searchParams.get('form');
  return key && keys(key) ? key : null;
}

/** The action URL of a form on a page with several (the page itself, naming the form for formNamedInUrl). */
export const formUrl = (key: string) => `?form=${encodeURIComponent(key)}`;

/**
 * The page a form posted to `formUrl(key)` belongs to, without the form's key (nor Remix's `index`): where its answer
 * redirects once saved, so the address shown afterwards names no form — one that a reload would post again, or that
 * reads as a page of its own. A refusal is answered on the posted address (its message needs the action's answer).
 */
export function pageWithoutForm(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete('form');
  url.searchParams.delete('index');
  const search = url.searchParams.toString();
  return `${url.pathname.replace(/\.data$/, '')}${search ? `?${search}` : ''}`;
}
