import path from 'node:path';
import { z } from './validation.ts';
import { CLUSTER_NODES_PATTERN } from '@shequ/jobs';
import { DEV_PERSONAL_DATA_KEY } from '@shequ/use-cases/crypto';

const DEV_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

// Parsed once at boot; the rest of the app reads `env`, never process.env.
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_APP_URL: z.string().url().default('postgres://shequ_app:shequ_app@127.0.0.1:5432/shequ'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_{}-]+$/).default('shequ'),
    /** A Redis Cluster's seed nodes (host:port, comma-separated); REDIS_URL then gives only credentials and TLS (decision 032). */
    REDIS_CLUSTER_NODES: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(CLUSTER_NODES_PATTERN, 'must be host:port[,host:port…]').optional()),
    SESSION_SECRET: z.string().min(32).default(DEV_SECRET),
    SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
    PERSONAL_DATA_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters').default(DEV_PERSONAL_DATA_KEY),
    PHOTO_STORAGE_DIR: z.string().default(path.resolve(process.cwd(), '.local/photos')),
    /** The development mailbox the worker writes to when no SMTP is configured (shown to operators). */
    MAILBOX_DIR: z.string().default(path.resolve(process.cwd(), '.local/mailbox')),
    /** Where archived communities' exports are kept (default: next to the photos). */
    EXPORT_DIR: z.string().optional(),
    /** Resident submissions allowed per IP and per community per hour (raise for load tests). */
    RESIDENT_SUBMITS_PER_IP: z.coerce.number().int().min(1).default(20),
    RESIDENT_SUBMITS_PER_COMMUNITY: z.coerce.number().int().min(1).default(600),
  })
  .refine((e) => e.NODE_ENV !== 'production' || e.SESSION_SECRET !== DEV_SECRET || process.env.ALLOW_DEV_SECRET === '1', {
    message: 'SESSION_SECRET must be set in production',
    path: ['SESSION_SECRET'],
  })
  .refine((e) => e.NODE_ENV !== 'production' || e.PERSONAL_DATA_KEY !== DEV_PERSONAL_DATA_KEY || process.env.ALLOW_DEV_SECRET === '1', {
    message: 'PERSONAL_DATA_KEY must be set in production',
    path: ['PERSONAL_DATA_KEY'],
  });

function parse() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid web configuration: ${issues}`);
  }
  return parsed.data;
}

export const env = parse();
export const secureCookies = env.SECURE_COOKIES === 'auto' ? env.NODE_ENV === 'production' && process.env.PUBLIC_URL?.startsWith('https') === true : env.SECURE_COOKIES === 'true';
