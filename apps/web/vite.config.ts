import { vitePlugin as remix } from '@remix-run/dev';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { appRoutes } from './routes.config.ts';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

// Every v3 future flag Remix 2 offers is on, so the move to React Router 7 is mechanical (docs/decisions/004).
export default defineConfig({
  plugins: [
    remix({
      // Routes live in one folder per audience; remix-flat-routes reads them (routes.config.ts).
      ignoredRouteFiles: ['**/*'],
      routes: async (defineRoutes) => appRoutes(defineRoutes),
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  // The dev server's dependency scan walks route modules before Remix strips their server code, reaches the
  // password hasher through @shequ/use-cases and tried to bundle its browser (WebAssembly) build, which is not
  // installed: "error while updating dependencies". It never runs in the browser; keep it out of the scan.
  // The same holds for sharp (photos are cleaned on the server only).
  optimizeDeps: { exclude: ['@node-rs/argon2', 'sharp'] },
  server: { hmr: { port: 24679 } },
  build: { target: 'es2022' },
});
