import { createServer, type Server } from 'node:http';

export type Probe = () => Promise<Record<string, 'ok' | string>>;

/**
 * /healthz: the process is alive. /readyz: it can do work (PostgreSQL and Redis answer, not shutting down);
 * an orchestrator stops routing to it, or restarts it, on failure. /metrics: queue counts and deadline lateness.
 */
export function startHealthServer(port: number, metrics: () => Promise<unknown>, ready: Probe): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      try {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await metrics()));
      } catch (e) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (e as Error).message }));
      }
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (path === '/readyz') {
      const checks = await ready();
      const ok = Object.values(checks).every((v) => v === 'ok');
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks }));
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(port, '0.0.0.0', () => resolve(server)));
}
