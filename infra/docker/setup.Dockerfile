# One-shot: create roles and database, migrate, seed demo data. Safe to run again.
FROM node:20-bookworm-slim
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile
CMD ["sh", "-c", "pnpm --filter @shequ/db provision && pnpm db:migrate && pnpm db:seed"]
