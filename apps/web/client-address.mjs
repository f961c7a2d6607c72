// Where a request comes from, for server-app.mjs (plain JavaScript: it runs without a build step).
import { isIP } from 'node:net';

/**
 * Express's 'trust proxy' setting from TRUST_PROXY. Client addresses (sign-in throttling, sessions) and https come
 * from X-Forwarded-For / -Proto only when TRUST_PROXY names the proxies they may come from: addresses, subnets, or
 * Express's names (loopback, linklocal, uniquelocal), comma-separated, e.g. TRUST_PROXY=10.0.0.5 or loopback.
 * Unset, 0 or false: the socket's address, whatever the headers say (before, loopback was trusted by default, so
 * anything on the machine could pick its address). The old '1' ("trust every hop") is read as the private
 * networks, with a warning: a client on the internet must never choose its own address.
 */
export function trustProxySetting(value, warn = console.warn) {
  const v = String(value ?? '').trim();
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return false;
  if (v === '1' || v.toLowerCase() === 'true') {
    warn('TRUST_PROXY=1 trusts X-Forwarded-For from private networks only; name your proxies instead (e.g. TRUST_PROXY=10.0.0.5).');
    return ['loopback', 'linklocal', 'uniquelocal'];
  }
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The client's address as an IP: a malformed forwarded value falls back to the socket's, and never breaks a request. */
export function clientIp(req) {
  let ip;
  try {
    ip = req.ip;
  } catch {
    ip = undefined;
  }
  if (typeof ip === 'string' && isIP(ip)) return ip;
  const socket = req.socket?.remoteAddress;
  return typeof socket === 'string' && isIP(socket) ? socket : 'unknown';
}
