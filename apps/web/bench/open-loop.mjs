// The open-loop load generator of `pnpm bench intake`, in a process of its own with nothing else loaded: requests
// leave on schedule whatever the server does, and each one's latency counts from its scheduled time (so a slow
// server cannot hide behind a generator that waits for it). Kept apart from the benchmark's own process, which
// seeded the database and holds a large heap: that process's garbage collections would otherwise be measured as
// the server's latency.
//
// node open-loop.mjs <port> <path> <rate per second> <seconds> <categoryId>  →  JSON { latencies, late, bad } on stdout
import { submitter } from './submitter.mjs';

const [port, path, rate, seconds, categoryId] = process.argv.slice(2);
const RATE = Number(rate);
const total = RATE * Number(seconds);
const { submit, close } = submitter(Number(port), path, categoryId, '压测提交（定速）', 200);

const latencies = [];
const late = []; // how late each request left: this process's own delay, part of its latency
let bad = 0;
const pending = [];
const start = performance.now();
for (let i = 0; i < total; i++) {
  const due = start + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  late.push(performance.now() - due);
  pending.push(
    submit().then((status) => {
      if (status !== 302 && status !== 303) bad++;
      latencies.push(performance.now() - due);
    }),
  );
}
await Promise.all(pending);
close();
process.stdout.write(JSON.stringify({ latencies, late, bad }));
