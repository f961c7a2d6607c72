import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://shequ_owner:shequ_owner@127.0.0.1:5432/shequ' },
  entities: { roles: false },
  strict: true,
});
