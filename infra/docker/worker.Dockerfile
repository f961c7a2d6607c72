# Worker (BullMQ). Runs its bundle (decision 040): internal packages are bundled in; npm packages it imports at run
# time (BullMQ, pino, native addons) are its own production dependencies, deployed beside it.
FROM node:20-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN npm install -g pnpm@10.34.9
WORKDIR /app

FROM base AS build
COPY . .
RUN pnpm install --frozen-lockfile && pnpm --filter @shequ/worker build && pnpm deploy --filter @shequ/worker --prod --legacy /out && cp -r apps/worker/dist /out/

FROM node:20-bookworm-slim
ENV NODE_ENV=production WORKER_HEALTH_PORT=3001
WORKDIR /app
COPY --from=build /out /app
USER node
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3001/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# SIGTERM lets running jobs finish; give it time before a SIGKILL.
STOPSIGNAL SIGTERM
# The start command of apps/worker/runtime.mjs (a bounded heap; runtime.test.ts keeps them equal).
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=4", "dist/main.js"]
