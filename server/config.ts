import path from 'node:path';
import { z } from 'zod';

/** Every setting Kefu reads from the environment; the README's configuration table mirrors this schema. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  KEFU_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  KEFU_ADMIN_EMAIL: z.string().email().optional(),
  KEFU_ADMIN_PASSWORD: z.string().optional(),
  KEFU_DEMO: z.enum(['0', '1']).default('1'),
  KEFU_PUBLIC_URL: z.string().url().optional(),
  KEFU_SECURE_COOKIES: z.enum(['0', '1']).optional(),
  KEFU_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** Browser journeys only: enables POST /api/v1/test/clock, which moves the SLA clock forward. */
  KEFU_TEST_HOOKS: z.enum(['0', '1']).default('0'),
  KEFU_MASTER_KEY: z.string().min(1).optional(),
  KEFU_PREVIOUS_MASTER_KEYS: z.string().optional(),
  KEFU_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(1024).default(20),
  /** New chat-widget visitors per client address per minute (a reload or a second tab is not a new visitor). */
  KEFU_WIDGET_SESSIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** Kefu's SMTP listener for mail to the mailboxes' addresses (an MX or a forwarding rule); `off` disables it. */
  KEFU_SMTP_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(2525),
  KEFU_SMTP_HOST: z.string().min(1).optional(),
  /**
   * `1`: a platform account may name an API base URL other than the platform's own (a relay or proxy, e.g. for
   * WhatsApp from mainland China). Off by default: an admin could otherwise point Kefu, with the stored secrets, at
   * a server of their choosing.
   */
  KEFU_ALLOW_CUSTOM_PLATFORM_URLS: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  loadDemo: boolean;
  publicUrl: string;
  secureCookies: boolean;
  trustProxy: boolean;
  testHooks: boolean;
  logLevel: string;
  attachmentMaxBytes: number;
  widgetSessionsPerMinute: number;
  /** Null: no SMTP listener. */
  smtp: { host: string; port: number } | null;
  allowCustomPlatformUrls: boolean;
  masterKey: string | undefined;
  previousMasterKeys: string[];
}

export class ConfigError extends Error {}

/** Reads and validates the environment once at start-up; a bad value stops the process with a readable list. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  if (values.KEFU_ADMIN_EMAIL && !values.KEFU_ADMIN_PASSWORD) {
    throw new ConfigError(
      'Invalid configuration:\n  KEFU_ADMIN_PASSWORD: required when KEFU_ADMIN_EMAIL is set',
    );
  }
  const publicUrl = values.KEFU_PUBLIC_URL ?? `http://localhost:${values.PORT}`;
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: path.resolve(values.KEFU_DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    adminEmail: values.KEFU_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: values.KEFU_ADMIN_PASSWORD,
    loadDemo: values.KEFU_DEMO === '1',
    publicUrl: publicUrl.replace(/\/$/, ''),
    secureCookies: values.KEFU_SECURE_COOKIES
      ? values.KEFU_SECURE_COOKIES === '1'
      : publicUrl.startsWith('https:'),
    trustProxy: values.KEFU_TRUST_PROXY === '1',
    testHooks: values.KEFU_TEST_HOOKS === '1',
    logLevel: values.LOG_LEVEL,
    attachmentMaxBytes: values.KEFU_ATTACHMENT_MAX_MB * 1024 * 1024,
    widgetSessionsPerMinute: values.KEFU_WIDGET_SESSIONS_PER_MINUTE,
    allowCustomPlatformUrls: values.KEFU_ALLOW_CUSTOM_PLATFORM_URLS === '1',
    smtp:
      values.KEFU_SMTP_PORT === 'off'
        ? null
        : { host: values.KEFU_SMTP_HOST ?? values.HOST, port: values.KEFU_SMTP_PORT },
    masterKey: values.KEFU_MASTER_KEY,
    previousMasterKeys: (values.KEFU_PREVIOUS_MASTER_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
  };
}
