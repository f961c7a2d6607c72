# Worker (BullMQ). Runs TypeScript through tsx: internal packages export source, so there is nothing to build.
FROM node:20-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN npm install -g pnpm@10.34.9
WORKDIR /app

FROM base AS build
COPY . .
RUN pnpm install --frozen-lockfile && pnpm deploy --filter @shequ/worker --prod --legacy /out && cp -r apps/worker/src /out/

FROM node:20-bookworm-slim
ENV NODE_ENV=production WORKER_HEALTH_PORT=3001
WORKDIR /app
COPY --from=build /out /app
USER node
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3001/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# SIGTERM lets running jobs finish; give it time before a SIGKILL.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
