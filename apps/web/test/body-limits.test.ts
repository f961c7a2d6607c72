import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UNSAFE_defineRoutes as defineRoutes } from '@remix-run/dev';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module of the web server (no types)
import { bodyLimitFor, DEFAULT_BODY_LIMIT, routeTree } from '../body-limits.mjs';
import { appRoutes } from '../routes.config.ts';
import { bodyTooLarge, MB, takesBodyUpTo } from '~/lib/body-limit.ts';

// Decision 060: a route that takes files declares the body it takes in its own module (`export const handle =
// takesBodyUpTo(bytes)`), the web server reads that declaration from the build (body-limits.mjs), and the route answers
// a body over it itself (`bodyTooLarge(request, handle)`: a message beside the file field, or JSON). Before, the
// bound was a hand-kept list of path patterns in server-app.mjs; three upload routes were missing from it (the
// committee's partner import, the operator's calendar, the residents' roster import) and answered a file over 1 MB
// with the server's plain text.
const app = fileURLToPath(new URL('../app', import.meta.url));
const read = (path: string) => readFileSync(path, 'utf8');

/** A control that carries a file: a file input (the kit's or the browser's), a multipart form (in the route or what it renders). */
const FILE_CONTROL = /type="file"|<FileInput\b|encType="multipart\/form-data"/;
/** An action reading an uploaded file (in the route module itself: its helpers serve other routes too). */
const READS_FILE = /\.arrayBuffer\(\)/;
const takesFiles = (own: string, all: string[]) => READS_FILE.test(own) || all.some((t) => FILE_CONTROL.test(t));
const HAS_ACTION = /export (async function|const) action\b/;
const DECLARES = /export const handle = takesBodyUpTo\(/;
const CHECKS = /bodyTooLarge\(request, handle\)/;
/** Routes with a file input and no action of their own: the route their forms post to (which must declare). */
const POSTS_TO: Record<string, string> = {
  // The phone app queues its records and sends them with fetch to the sync (care.sync.tsx).
  'routes/community+/care.app.tsx': 'routes/community+/care.sync.tsx',
};

/** The app modules a module imports (`~/…` and `./…`), resolved to files. */
function localImports(file: string, text: string): string[] {
  return [...text.matchAll(/from '((?:~|\.{1,2})\/[^']+)'/g)]
    .map((m) => (m[1]!.startsWith('~/') ? join(app, m[1]!.slice(2)) : join(dirname(file), m[1]!)))
    .filter((p) => existsSync(p));
}

/** A route file with the modules it renders or delegates to: its `*.server.ts` helpers and the components it imports (two levels). */
function routeSources(file: string): { own: string; all: string[] } {
  const own = read(file);
  const seen = new Set([file]);
  let frontier = [file];
  for (let depth = 0; depth < 2; depth++) {
    frontier = frontier.flatMap((f) => localImports(f, read(f)).filter((p) => /\/(components|routes)\//.test(p) && !seen.has(p) && seen.add(p)));
  }
  return { own, all: [...seen].map(read) };
}

const routeFiles = Object.values(appRoutes(defineRoutes)).map((r) => join(app, r.file));

describe('body bounds declared by the routes (decision 060)', () => {
  it('every route with a file input or an action reading a file declares its bound and checks it', () => {
    const uploads = routeFiles.filter((f) => {
      const { own, all } = routeSources(f);
      return takesFiles(own, all);
    });
    // The ones known when this test was written, so the scan itself cannot quietly find nothing.
    for (const known of ['care.$residentId.visit.tsx', 'care.sync.tsx', 'committee.partners.tsx', 'calendar.tsx', 'residents.import.tsx', 'c.$slug.q.$token.tsx']) {
      expect(uploads.some((f) => f.endsWith(`/${known}`)), known).toBe(true);
    }
    const problems = uploads.flatMap((file) => {
      const rel = relative(app, file);
      const { own, all } = routeSources(file);
      if (!HAS_ACTION.test(own)) {
        const target = POSTS_TO[rel];
        if (!target) return [`${rel}: has a file input but no action; name the route its forms post to in POSTS_TO`];
        return DECLARES.test(read(join(app, target))) ? [] : [`${rel}: posts to ${target}, which declares no body bound`];
      }
      const out: string[] = [];
      if (!DECLARES.test(own)) out.push(`${rel}: takes files but declares no bound (export const handle = takesBodyUpTo(bytes))`);
      if (!all.some((t) => CHECKS.test(t))) out.push(`${rel}: declares a bound but its action never answers a body over it (bodyTooLarge(request, handle))`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('the scan finds what it is meant to', () => {
    expect(takesFiles('', ['<FileInput maxBytes={x} name="photo" />'])).toBe(true);
    expect(takesFiles('', ['<input type="file" name="file" />'])).toBe(true);
    expect(takesFiles('', ['<Form method="post" encType="multipart/form-data">'])).toBe(true);
    expect(takesFiles('const bytes = new Uint8Array(await v.file.arrayBuffer());', [])).toBe(true);
    // A helper module shared with other routes reading a file does not make each of them an upload route.
    expect(takesFiles('', ['const bytes = new Uint8Array(await file.arrayBuffer());'])).toBe(false);
    expect(takesFiles('<Input name="title" />', ['<Input name="title" />'])).toBe(false);
    expect(DECLARES.test('export const handle = takesBodyUpTo(6 * MB);')).toBe(true);
  });

  it('a route’s handle and its check', () => {
    const handle = takesBodyUpTo(2 * MB);
    expect(handle).toEqual({ bodyLimit: 2 * 1024 * 1024 });
    const post = (length?: number) => new Request('http://x/p', { method: 'POST', headers: length === undefined ? {} : { 'Content-Length': String(length) } });
    expect(bodyTooLarge(post(2 * MB), handle)).toBe(false);
    expect(bodyTooLarge(post(2 * MB + 1), handle)).toBe(true);
    expect(bodyTooLarge(post(), handle)).toBe(false);
    expect(() => takesBodyUpTo(0)).toThrow();
    expect(() => takesBodyUpTo(1.5)).toThrow();
  });
});

describe('the web server’s bound for a request (body-limits.mjs)', () => {
  // A build's routes as Remix hands them to the server: flat, with parents and each module's exports.
  const route = (id: string, parentId: string | undefined, path: string | undefined, extra: { index?: boolean; bodyLimit?: number } = {}) => ({
    id,
    parentId,
    path,
    index: extra.index,
    caseSensitive: undefined,
    module: extra.bodyLimit ? { handle: { bodyLimit: extra.bodyLimit } } : { handle: { other: true } },
  });
  const routes = Object.fromEntries(
    [
      route('root', undefined, ''),
      route('community', 'root', 'community'),
      route('visit', 'community', 'care/:residentId/visit', { bodyLimit: 6 * MB }),
      route('person', 'community', 'care/:residentId', { index: true }),
      route('app', 'community', 'care/app'),
      route('sync', 'community', 'care/sync', { bodyLimit: 6 * MB }),
      route('partners', 'community', 'committee/partners', { bodyLimit: 2 * MB + 65536 }),
      route('meeting', 'community', 'committee/meetings/:meetingId', { bodyLimit: 11 * MB }),
      route('meetingNew', 'community', 'committee/meetings/new'),
      route('imports', 'root', 'operator/imports'),
      route('importsIndex', 'imports', undefined, { index: true, bodyLimit: 2 * MB }),
      route('splat', 'root', '*'),
    ].map((r) => [r.id, r]),
  );
  const tree = routeTree(routes);
  const limit = (path: string, search = '') => bodyLimitFor(tree, path, search);

  it('is what the route whose action answers declares, for the page and its single-fetch .data URL', () => {
    expect(limit('/community/care/abc/visit')).toEqual({ bytes: 6 * MB, declared: true });
    expect(limit('/community/care/abc/visit.data')).toEqual({ bytes: 6 * MB, declared: true });
    expect(limit('/community/care/sync')).toEqual({ bytes: 6 * MB, declared: true });
    expect(limit('/community/committee/partners.data')).toEqual({ bytes: 2 * MB + 65536, declared: true });
  });

  it('is 1 MB for a route that declares nothing, a static route beside a declared dynamic one, and an unknown path', () => {
    expect(DEFAULT_BODY_LIMIT).toBe(MB);
    expect(limit('/community/care/app')).toEqual({ bytes: MB, declared: false });
    expect(limit('/community/committee/meetings/new')).toEqual({ bytes: MB, declared: false });
    expect(limit('/community/committee/meetings/123')).toEqual({ bytes: 11 * MB, declared: true });
    expect(limit('/nowhere/at/all')).toEqual({ bytes: MB, declared: false });
    expect(limit('/_root.data')).toEqual({ bytes: MB, declared: false });
  });

  it('follows Remix’s rule for index routes: their action answers only with ?index', () => {
    expect(limit('/operator/imports', '?index')).toEqual({ bytes: 2 * MB, declared: true });
    expect(limit('/operator/imports.data', '?index')).toEqual({ bytes: 2 * MB, declared: true });
    expect(limit('/operator/imports')).toEqual({ bytes: MB, declared: false });
    expect(limit('/community/care/abc', '?index')).toEqual({ bytes: MB, declared: false });
  });

  it('reads the tree once per build', () => {
    expect(routeTree(routes)).toBe(tree);
  });
});
