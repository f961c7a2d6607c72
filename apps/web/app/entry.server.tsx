import { randomBytes } from 'node:crypto';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { NonceContext } from './lib/nonce.ts';
import { rendererPaddingFilter } from './lib/react-stream.server.ts';
import { sessionToken } from './lib/session.server.ts';

export const streamTimeout = 5_000;

/**
 * What a page may load and run: only this site's own files, and inline scripts only with this response's nonce
 * (Remix's hydration data). Text that residents and staff typed is escaped by React; this is the second wall if
 * markup ever got through. Styles may be inline (React style attributes). Not in development, where Vite injects
 * its own scripts.
 */
function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  // Bots get the whole page at once; browsers get it streamed as soon as the shell is ready.
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady';
  const nonce = randomBytes(16).toString('base64');
  if (process.env.NODE_ENV === 'production') responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce));
  // A signed-in page holds people's data: no browser or proxy keeps a copy (Back after sign-out, a shared computer).
  if (sessionToken(request)) responseHeaders.set('Cache-Control', 'no-store');
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const page = (
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      [readyEvent]() {
        shellRendered = true;
        // Not a plain PassThrough: React 18 pads some chunks with NUL bytes inside Chinese text (react-stream.server.ts).
        const body = rendererPaddingFilter();
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) loadContext?.log?.error({ err: error }, 'render error');
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}

/** The data a signed-in page loads after navigation (single fetch) is no more cacheable than the page itself. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (sessionToken(request) && !response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** Server errors are logged with the request id; the user sees the translated error page, never the stack. */
export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  if (request.signal.aborted) return;
  // A 4xx thrown on purpose (not found, forbidden, bad input) is an answer, not a failure: the request log has it.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  context?.log?.error({ err: error, url: request.url }, 'unhandled error in loader or action');
}

/** Handlers the Express server mounts ahead of Remix (server.mjs reads them from the server build's entry). */
export { handleIntakeFastLane } from './fast-lane/intake.server.ts';
