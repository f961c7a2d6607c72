// One resident submission (no photos) over HTTP, as the benchmark sends it: resolves to the HTTP status, or 0 if the
// request failed (a connection reset, no answer within 30 s), counted as a failure rather than crashing the run.
import { randomBytes } from 'node:crypto';
import http from 'node:http';

/** A function that submits one wish to the QR page at `path` on 127.0.0.1:`port`, over keep-alive connections. */
export function submitter(port, path, categoryId, label, maxSockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  let n = 0;
  const submit = () => {
    // As the resident form posts it: with the form's own random submission key.
    const body = new URLSearchParams({ categoryId, content: `${label} ${n++}：小区门口路灯不亮`, submissionKey: randomBytes(16).toString('base64url') }).toString();
    return new Promise((resolve) => {
      const req = http.request(
        { host: '127.0.0.1', port, path, method: 'POST', agent, timeout: 30_000, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', () => resolve(0));
      req.end(body);
    });
  };
  return { submit, close: () => agent.destroy() };
}
