import { type DefineRoutesFunction, flatRoutes } from 'remix-flat-routes';

/**
 * The route tree: one folder per audience under app/routes (`_resident+`, `community+`, `org+`, `operator+`,
 * `_auth+`, `_staff+`, `_api+`), read by remix-flat-routes. A folder's name is the start of each route's flat name
 * (`community+/cases._index.tsx` is `community.cases._index`, URL /community/cases); a leading `_` adds nothing to
 * the URL, so `_resident+/c.$slug.tsx` is /c/:slug. Server code sits beside its route as `*.server.ts` and is not a
 * route. See docs/decisions/021-route-folders.md; apps/web/test/routes.test.ts pins every URL.
 */
export function appRoutes(defineRoutes: DefineRoutesFunction) {
  return flatRoutes('routes', defineRoutes, {
    appDir: new URL('./app', import.meta.url).pathname,
    ignoredRouteFiles: ['.*', '**/*.css', '**/*.test.{js,jsx,ts,tsx}', '**/__*.*', '**/*.server.*', '**/*.client.*'],
  });
}
