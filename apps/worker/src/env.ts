import path from 'node:path';
import { z } from 'zod';
import { CLUSTER_NODES_PATTERN } from '@shequ/jobs';
import { DEV_PERSONAL_DATA_KEY } from '@shequ/use-cases/crypto';
import { type AliyunSmsConfig, parseAliyunTemplates } from './sms-aliyun.ts';

/** An optional setting: unset and empty are the same. */
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

// Parsed once at boot; the rest of the worker reads this object, never process.env.
const schema = z
  .object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_APP_URL: z.string().url().default('postgres://shequ_app:shequ_app@127.0.0.1:5432/shequ'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_{}-]+$/).default('shequ'),
  /**
   * A Redis Cluster: comma-separated host:port seed nodes. Set, web and worker use ioredis' Cluster client (REDIS_URL
   * then gives only credentials and TLS); queue keys share the hash-tagged prefix {REDIS_PREFIX} (decision 032).
   */
  REDIS_CLUSTER_NODES: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(CLUSTER_NODES_PATTERN, 'must be host:port[,host:port…]').optional()),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** /metrics answers requests from this machine, and from elsewhere only with `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(24).optional()),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * Worker processes on this machine. One by default: on a small machine that also runs PostgreSQL, more processes
   * compete with it for the same cores (measured with `pnpm bench deadlines`); raise it where PostgreSQL runs elsewhere.
   */
  WORKER_PROCESSES: z.coerce.number().int().min(1).max(32).default(1),
  /**
   * Deadline transactions at once. Each waits on PostgreSQL (round trips, the commit's flush) more than on the CPU:
   * a steady stream brings one deadline per community per timer, one transaction each, and with 8 at once a round
   * of them took long enough for the stream to run ~2 s late. 16 measured best on 2 cores (`pnpm bench deadlines`:
   * stream p50 0.5 s, burst 1,400/s; 32 was worse on both, decision 042). The pool grows with it.
   */
  DEADLINE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),
  /**
   * Deadlines of one community woken in one transaction when many are due at once (bounded: locks held, rollback
   * cost). Breaches are written set-based (decision 031), so a transaction of 100 costs about what one of 1 did.
   */
  DEADLINE_BATCH: z.coerce.number().int().min(1).max(200).default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Outgoing email: an SMTP URL (smtps://user:pass@host:465); without it, messages are kept in MAILBOX_DIR. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('社区治理云 <noreply@shequ.local>'),
  MAILBOX_DIR: z.string().default(path.resolve(process.cwd(), '.local/mailbox')),
  /**
   * Text messages (decision 042): `development` (default) keeps them in MAILBOX_DIR for the operators' mailbox page;
   * `aliyun` sends them through Aliyun SMS (SendSms, signed requests), which needs the ALIYUN_SMS_* settings below.
   */
  SMS_PROVIDER: z.enum(['development', 'aliyun']).default('development'),
  ALIYUN_SMS_ACCESS_KEY_ID: optionalText,
  ALIYUN_SMS_ACCESS_KEY_SECRET: optionalText,
  /** The approved sign name (短信签名), e.g. 金元社区. */
  ALIYUN_SMS_SIGN_NAME: optionalText,
  /** Approved templates by message kind: `kind=SMS_CODE[:var,var…]` separated by `;` (see sms-aliyun.ts). */
  ALIYUN_SMS_TEMPLATES: z
    .string()
    .default('')
    .transform((text, ctx) => {
      try {
        return parseAliyunTemplates(text);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
        return z.NEVER;
      }
    }),
  ALIYUN_SMS_ENDPOINT: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().default('https://dysmsapi.aliyuncs.com/')),
  ALIYUN_SMS_REGION: z.preprocess((v) => (v === '' ? undefined : v), z.string().default('cn-hangzhou')),
  ALIYUN_SMS_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
  /** How often PostgreSQL is swept for due deadlines (the safety net under the delayed jobs). */
  DEADLINE_RECONCILE_MS: z.coerce.number().int().min(200).default(15_000),
  /** Seals invitation links made by bulk onboarding until an operator downloads them (same key as the web's). */
  PERSONAL_DATA_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters').default(DEV_PERSONAL_DATA_KEY),
})
  .refine(
    (e) => e.SMS_PROVIDER !== 'aliyun' || (e.ALIYUN_SMS_ACCESS_KEY_ID && e.ALIYUN_SMS_ACCESS_KEY_SECRET && e.ALIYUN_SMS_SIGN_NAME && Object.keys(e.ALIYUN_SMS_TEMPLATES).length),
    { message: 'SMS_PROVIDER=aliyun needs ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET, ALIYUN_SMS_SIGN_NAME and ALIYUN_SMS_TEMPLATES', path: ['SMS_PROVIDER'] },
  )
  .refine((e) => e.NODE_ENV !== 'production' || e.PERSONAL_DATA_KEY !== DEV_PERSONAL_DATA_KEY || process.env.ALLOW_DEV_SECRET === '1', {
    message: 'PERSONAL_DATA_KEY must be set in production',
    path: ['PERSONAL_DATA_KEY'],
  });

export type WorkerEnv = z.infer<typeof schema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    console.error(JSON.stringify({ level: 'fatal', msg: 'invalid worker configuration', issues: parsed.error.issues }));
    process.exit(1);
  }
  return parsed.data;
}

/** Aliyun SMS settings when SMS_PROVIDER=aliyun (checked complete at boot), else null: text messages stay in the folder. */
export function aliyunSmsConfig(env: WorkerEnv): AliyunSmsConfig | null {
  if (env.SMS_PROVIDER !== 'aliyun') return null;
  return {
    accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID!,
    accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET!,
    signName: env.ALIYUN_SMS_SIGN_NAME!,
    templates: env.ALIYUN_SMS_TEMPLATES,
    endpoint: env.ALIYUN_SMS_ENDPOINT,
    regionId: env.ALIYUN_SMS_REGION,
    timeoutMs: env.ALIYUN_SMS_TIMEOUT_MS,
  };
}
