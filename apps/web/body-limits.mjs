// How large a request body each route takes, for server-app.mjs (plain JavaScript: it runs without a build step).
// Decision 060: a route that takes files declares its own bound in its module (`export const handle =
// takesBodyUpTo(bytes)`, app/lib/body-limit.ts); this module reads those declarations from the server build's route
// modules, so the web server's bound and the route's own check cannot drift apart, and a new upload route cannot be
// forgotten in a hand-kept list (apps/web/test/body-limits.test.ts fails for a route with a file input that declares
// nothing). Every other route takes at most DEFAULT_BODY_LIMIT.
import { matchRoutes } from '@remix-run/react';

/** The bound of a route that declares none (1 MB): a form of text; more is refused before anything reads it. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const trees = new WeakMap();

/**
 * The route tree of a server build (`build.routes`: id → { id, parentId, path, index, caseSensitive, module }),
 * nested as React Router matches it, each route with the bound its module declares (`handle.bodyLimit`, bytes) or
 * null. Computed once per build object.
 */
export function routeTree(routes) {
  const cached = trees.get(routes);
  if (cached) return cached;
  const byParent = new Map();
  for (const r of Object.values(routes)) {
    const list = byParent.get(r.parentId) ?? [];
    list.push(r);
    byParent.set(r.parentId, list);
  }
  const nest = (parentId) =>
    (byParent.get(parentId) ?? []).map((r) => {
      const declared = r.module?.handle?.bodyLimit;
      return {
        id: r.id,
        path: r.path,
        index: r.index,
        caseSensitive: r.caseSensitive,
        bodyLimit: typeof declared === 'number' && declared > 0 ? declared : null,
        ...(r.index ? {} : { children: nest(r.id) }),
      };
    });
  const tree = nest(undefined);
  trees.set(routes, tree);
  return tree;
}

/**
 * The body bound of a request to `pathname` (with its query `search`), as the route whose action answers it
 * declares: `{ bytes, declared: true }`, or `{ bytes: DEFAULT_BODY_LIMIT, declared: false }`. The route is the one
 * Remix sends the action to: single fetch's `<path>.data` (and `/_root.data` for `/`) is its path; the deepest match,
 * except that a matched index route answers only when `?index` is asked (Remix's own rule).
 */
export function bodyLimitFor(tree, pathname, search = '') {
  let path = pathname;
  if (path === '/_root.data') path = '/';
  else if (path.endsWith('.data')) path = path.slice(0, -'.data'.length);
  let matches = null;
  try {
    matches = matchRoutes(tree, path);
  } catch {
    matches = null;
  }
  if (!matches?.length) return { bytes: DEFAULT_BODY_LIMIT, declared: false };
  const wantsIndex = new URLSearchParams(search).getAll('index').some((v) => v === '');
  let target = matches[matches.length - 1];
  if (target.route.index && !wantsIndex && matches.length > 1) target = matches[matches.length - 2];
  const bytes = target.route.bodyLimit;
  return bytes ? { bytes, declared: true } : { bytes: DEFAULT_BODY_LIMIT, declared: false };
}
