// The web entry point. In production with WEB_PROCESSES > 1, a supervisor forks that many copies of the web
// process (server-app.mjs), which share the port (node:cluster), restarts any that dies, and stops them all cleanly
// on SIGTERM. Each copy is stateless apart from short caches: sessions, limits and data live in PostgreSQL and Redis
// (only the fallback limiter used while Redis is down is per copy).
import cluster from 'node:cluster';

const processes = Math.max(1, Number(process.env.WEB_PROCESSES ?? 1) || 1);

if (cluster.isPrimary && processes > 1 && process.env.NODE_ENV === 'production') {
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(JSON.stringify({ level: 'error', msg: 'a web process died; starting another', code, signal }));
    setTimeout(() => cluster.fork(), 1000).unref();
  });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    const children = Object.values(cluster.workers ?? {});
    let left = children.length;
    if (!left) process.exit(0);
    for (const child of children) {
      child.once('exit', () => --left === 0 && process.exit(0));
      child.kill(signal);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} else {
  await import('./server-app.mjs');
}
