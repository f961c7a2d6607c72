# Web (Remix on Express). Build from the repository root: docker build -f infra/docker/web.Dockerfile .
FROM node:20-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH TURBO_TELEMETRY_DISABLED=1
RUN npm install -g pnpm@10.34.9
WORKDIR /app

FROM base AS build
COPY . .
RUN pnpm install --frozen-lockfile && pnpm --filter @shequ/web build && pnpm deploy --filter @shequ/web --prod --legacy /out \
 && cp -r apps/web/build apps/web/server.mjs apps/web/server-app.mjs apps/web/client-address.mjs /out/

FROM node:20-bookworm-slim
# A Chinese font for the printable QR posters (PDF and PNG).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /out /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "server.mjs"]
