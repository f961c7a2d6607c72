import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read the worker's /metrics (queue sizes and lateness say how busy a district is, issue 13): a request from
 * this machine (loopback), or one carrying `Authorization: Bearer <METRICS_TOKEN>` when a token is set. /healthz
 * and /readyz stay open for orchestrators; they tell nothing about the data.
 */
export function metricsAllowed(req: IncomingMessage, token: string | undefined): boolean {
  const from = req.socket.remoteAddress ?? '';
  if (LOOPBACK.has(from)) return true;
  if (!token) return false;
  const sent = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
