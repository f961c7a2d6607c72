/// <reference types="@remix-run/node" />
/// <reference types="vite/client" />
import type { Logger } from 'pino';
import type { Described } from './app/lib/resource-route.server.ts';

declare module '@remix-run/node' {
  interface AppLoadContext {
    requestId: string;
    log: Logger;
    ip: string;
    isShuttingDown: () => boolean;
    /**
     * Renders another address of the app through Remix with this context and `extra` (server-app.mjs): a refused
     * resource route draws its refusal as a page in the console's shell (lib/resource-route.server.ts).
     */
    renderPage?: (request: Request, extra: Partial<AppLoadContext>) => Promise<Response>;
    /** The refusal routes/_staff+/refused.tsx draws (set only by renderPage). */
    refusal?: Described;
  }
}

declare global {
  var __shequCloseResources: (() => Promise<void>) | undefined;
  /** The web process's log (server-app.mjs), shared with the app. */
  var __shequLog: Logger | undefined;
}
