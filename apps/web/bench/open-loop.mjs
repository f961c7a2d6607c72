// The open-loop load generator of `pnpm bench intake`, in a process of its own with nothing else loaded: requests
// leave on schedule whatever the server does, and each one's latency counts from its scheduled time (so a slow
// server cannot hide behind a generator that waits for it). Kept apart from the benchmark's own process, which
// seeded the database and holds a large heap: that process's garbage collections would otherwise be measured as
// the server's latency.
//
// node open-loop.mjs <port> <path> <rate per second> <seconds> <categoryId>  →  JSON { latencies, bad } on stdout
import http from 'node:http';

const [port, path, rate, seconds, categoryId] = process.argv.slice(2);
const RATE = Number(rate);
const total = RATE * Number(seconds);
const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
let n = 0;

function submit() {
  const body = new URLSearchParams({ categoryId, content: `压测提交（定速） ${n++}：小区门口路灯不亮` }).toString();
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port: Number(port), path, method: 'POST', agent, timeout: 30_000, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } },
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
}

const latencies = [];
let bad = 0;
const pending = [];
const start = performance.now();
for (let i = 0; i < total; i++) {
  const due = start + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  pending.push(
    submit().then((status) => {
      if (status !== 302 && status !== 303) bad++;
      latencies.push(performance.now() - due);
    }),
  );
}
await Promise.all(pending);
agent.destroy();
process.stdout.write(JSON.stringify({ latencies, bad }));
