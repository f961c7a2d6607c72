import { z } from 'zod';

/** Connection settings shared by the CLIs. Apps parse their own environment once at boot. */
const schema = z.object({
  DATABASE_URL: z.string().url().default('postgres://shequ_owner:shequ_owner@127.0.0.1:5432/shequ'),
  DATABASE_APP_URL: z.string().url().default('postgres://shequ_app:shequ_app@127.0.0.1:5432/shequ'),
  DATABASE_ADMIN_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
});

export type DbConfig = z.infer<typeof schema>;

export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  return schema.parse(env);
}
