// The web process: Express in front of Remix (started by server.mjs, alone or as one of several copies).
// Kept in plain JavaScript so it runs without a build step; everything with rules lives in app/ and packages/.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createRequestHandler } from '@remix-run/express';
import { createRequestHandler as createRemixHandler } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { bodyLimitFor, DEFAULT_BODY_LIMIT, routeTree } from './body-limits.mjs';
import { clientIp, trustProxySetting } from './client-address.mjs';

const isProduction = process.env.NODE_ENV === 'production';
const port = Number(process.env.PORT ?? 3000);
// One log for the process (the app's log.server.ts takes it from globalThis). In production it is written in
// batches (a write per 4 KB or per quarter second, flushed on exit) rather than one write per line: under a burst of
// residents' submissions, a write system call per request log was a visible share of the web process's time.
const logger = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: { service: 'web' }, timestamp: pino.stdTimeFunctions.isoTime },
  isProduction ? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }) : undefined,
);
globalThis.__shequLog = logger;
const state = { shuttingDown: false };

const vite = isProduction
  ? undefined
  : await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }));

const app = express();
app.disable('x-powered-by');
// X-Forwarded-* count only from the proxies TRUST_PROXY names (client-address.mjs says how).
app.set('trust proxy', trustProxySetting(process.env.TRUST_PROXY));


const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
app.use(
  pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url?.startsWith('/assets/') || req.url === '/healthz' },
    serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }), res: (res) => ({ status: res.statusCode }) },
  }),
);

app.use((req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  // Geolocation for this origin only (no embedded frame): the visit form's optional "attach my position" (issue 20)
  // asks for it, and the browser still asks the worker. A policy holds for the document the app was loaded with, and
  // the console moves between pages without reloading, so it cannot be limited to the care pages' paths. With
  // geolocation=() the checkbox could only ever say it failed (found by care-phone.e2e).
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(self)');
  // Served over https (directly, or through a trusted proxy saying so): browsers keep to https for a year.
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
});

// CSRF, first layer: a state-changing request must come from our own origin. Browsers send Origin and
// Sec-Fetch-Site on every POST; a cross-site form or fetch is refused here before any app code runs.
// The second layer (a per-session token in every signed-in form) is checked by requireMutation in app/lib.
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
app.use((req, res, next) => {
  if (SAFE.has(req.method)) return next();
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const expected = `${req.protocol}://${req.get('host')}`;
  if ((site && site !== 'same-origin' && site !== 'none') || (origin && origin !== 'null' && origin !== expected)) {
    req.log.warn({ origin, site }, 'cross-site request refused');
    res.status(403).type('text/plain; charset=utf-8').send('请求被拒绝：不允许跨站提交。\nRequest refused: cross-site submission.');
    return;
  }
  next();
});

// Request bodies are bounded before anything reads them. Remix reads a form whole into memory: a single anonymous
// 200 MB post to /login grew the web process from 180 MB to 980 MB. A route that takes files declares its own bound
// in its module (decision 060: `export const handle = takesBodyUpTo(bytes)`, read from the server build by
// body-limits.mjs; a test fails for an upload route that declares none); every other route takes at most 1 MB and is
// answered with this plain text above it. Over its declared bound, the route answers for itself (the form with a
// message beside the file field, or the phone app's JSON): it is handed an empty body, so it can never read more than
// it declared, and it checks the declared Content-Length. A body without a length (chunked) cannot be checked up
// front, and browsers never send forms that way: it is refused.
const build = vite ? () => vite.ssrLoadModule('virtual:remix/server-build') : await import('./build/server/index.js');
const currentBuild = async () => (typeof build === 'function' ? build() : build);

app.use(async (req, res, next) => {
  if (SAFE.has(req.method)) return next();
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding']) {
    res.status(411).type('text/plain; charset=utf-8').send('请求缺少长度信息，请从网页表单提交。\nLength required: please submit the form from the web page.');
    return;
  }
  // A browser reads no answer before its upload has ended: whatever part of a body the app did not read (a route that
  // answered early — too large, signed out, refused) is read and thrown away once the answer is sent, else the
  // upload stalls and the page never sees the answer (found by care-phone.e2e: the visit form's and the sync's 413).
  res.once('finish', () => {
    if (req.complete) return;
    req.removeAllListeners('data');
    req.resume();
  });
  // Up to 1 MB every route takes the body (one that declares less checks it itself); above, the route's own bound.
  const length = Number(declared ?? 0);
  if (length <= DEFAULT_BODY_LIMIT) return next();
  let limit;
  try {
    const q = req.originalUrl.indexOf('?');
    limit = bodyLimitFor(routeTree((await currentBuild()).routes), req.path, q < 0 ? '' : req.originalUrl.slice(q));
  } catch (err) {
    return next(err);
  }
  if (length <= limit.bytes) return next();
  if (!limit.declared) {
    res.status(413).type('text/plain; charset=utf-8').send('提交的内容太大，请删减后重试。\nRequest too large: please shorten it and try again.');
    return;
  }
  req.replayBody = Buffer.alloc(0);
  req.resume();
  next();
});

// The residents' fast lane (app/fast-lane/intake.server.ts): plain form posts to a QR page skip Remix on the happy
// path. Whatever it does not take is handed to Remix with the body it read put back.
const FAST_LANE_MAX_BODY = 64 * 1024;
app.post('/c/:slug/q/:token', async (req, res, next) => {
  if (!req.is('application/x-www-form-urlencoded') || Number(req.headers['content-length'] ?? Infinity) > FAST_LANE_MAX_BODY) return next();
  try {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > FAST_LANE_MAX_BODY) throw new Error('body too large');
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    const { entry } = await currentBuild();
    req.clientIp = clientIp(req);
    if (await entry.module.handleIntakeFastLane(req, res, req.params.slug, req.params.token, body)) return;
    req.replayBody = body;
    next();
  } catch (err) {
    next(err);
  }
});

// Everything below (compression, static files, Remix) is skipped by the fast lane's happy path.
app.use(compression());

if (vite) {
  app.use(vite.middlewares);
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }));
  app.use(express.static('build/client', { maxAge: '1h' }));
}

// The same app, called with a Request rather than Express's: a refused resource route opened in a browser renders its
// refusal as a page in the console's shell through it (context.renderPage, app/lib/resource-route.server.ts).
const render = createRemixHandler(build, isProduction ? 'production' : 'development');
const remix = createRequestHandler({
  build,
  getLoadContext: (req) => {
    const context = { requestId: req.id, log: req.log, ip: clientIp(req), isShuttingDown: () => state.shuttingDown };
    return { ...context, renderPage: (request, extra) => render(request, { ...context, ...extra }) };
  },
});

/** The request as Remix reads it, with a body that was already read put back (only the stream calls are redirected). */
function withReplayedBody(req) {
  const body = Readable.from([req.replayBody]);
  const streamCalls = new Set(['on', 'once', 'off', 'pause', 'resume', 'destroy', 'removeListener', 'addListener', 'readable', 'readableHighWaterMark']);
  return new Proxy(req, {
    get(target, prop) {
      const source = streamCalls.has(prop) ? body : target;
      const value = Reflect.get(source, prop, source);
      return typeof value === 'function' ? value.bind(source) : value;
    },
  });
}

app.all('*', (req, res, next) => remix(req.replayBody ? withReplayedBody(req) : req, res, next));

// Last resort: never a stack trace to the client. Errors Express marks as the client's (a link with broken
// %-encoding, such as /c/x/q/%ff, fails to decode: 400) are answered as such, not as our failure.
app.use((err, req, res, _next) => {
  const status = Number(err?.status ?? err?.statusCode);
  if (status >= 400 && status < 500) {
    req.log?.warn({ err: { type: err.name, message: err.message }, status }, 'bad request');
    if (res.headersSent) return;
    res.status(status).type('text/plain; charset=utf-8').send('请求无效：链接可能不完整或有误，请重新扫码或检查链接。\nBad request: the link may be incomplete or wrong.');
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  if (res.headersSent) return;
  res.status(500).type('text/plain; charset=utf-8').send('服务暂时出现问题，请稍后重试。\nSomething went wrong. Please try again later.');
});

const server = app.listen(port, () => logger.info({ port, mode: isProduction ? 'production' : 'development' }, `web listening on http://localhost:${port}`));
// Idle keep-alive connections stay open longer than a reverse proxy's (nginx and most load balancers: 60 s), so the
// proxy, not this server, closes them: otherwise a request sent on a connection just as this server closes it gets
// a reset (Node's default is 5 s). HTTP_KEEP_ALIVE_SECONDS overrides it.
server.keepAliveTimeout = (Number(process.env.HTTP_KEEP_ALIVE_SECONDS) || 65) * 1000;
server.headersTimeout = server.keepAliveTimeout + 1000;

// SIGTERM: report not-ready, stop accepting connections, let in-flight requests finish, then exit.
function shutdown(signal) {
  if (state.shuttingDown) return;
  state.shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  server.close(async () => {
    await globalThis.__shequCloseResources?.();
    await vite?.close();
    logger.info('web stopped cleanly');
    process.exit(0);
  });
  // Connections that were busy when the shutdown began are closed as soon as they fall idle (keep-alive would
  // otherwise hold them open for a minute).
  server.closeIdleConnections?.();
  setInterval(() => server.closeIdleConnections?.(), 250).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
