// Resources register here; server.mjs calls them once after the HTTP server has drained.
const hooks = new Set<() => Promise<void>>();
export function onShutdown(hook: () => Promise<void>) {
  hooks.add(hook);
  globalThis.__shequCloseResources = async () => {
    await Promise.allSettled([...hooks].map((h) => h()));
  };
}
