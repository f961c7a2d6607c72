/// <reference types="@remix-run/node" />
/// <reference types="vite/client" />
import type { Logger } from 'pino';

declare module '@remix-run/node' {
  interface AppLoadContext {
    requestId: string;
    log: Logger;
    ip: string;
    isShuttingDown: () => boolean;
  }
}

declare global {
  var __shequCloseResources: (() => Promise<void>) | undefined;
  /** The web process's log (server-app.mjs), shared with the app. */
  var __shequLog: Logger | undefined;
}
