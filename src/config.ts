/**
 * Environment variables → typed, validated configuration.
 *
 * Every variable is documented in `env.sample`. A bad or missing value stops start-up with a
 * {@link ConfigError} naming the variable; nothing here reads the environment by itself, the
 * caller passes it in (so tests can build any configuration).
 */
import * as path from 'node:path';
import type { CasePolicy } from './domain/case-timers';
import { deadlinePolicy } from './domain/deadlines';
import { isLoopbackHost } from './http/loopback';
import { MAX_MARGIN_MS } from './domain/send-slots';

/** How inbound requests are authenticated. */
export type Mode = 'local' | 'production';

/** Bot identity types botbuilder supports. */
export type AppType = 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';

/** Locales Trygg speaks; the first is the default. */
export const SUPPORTED_LOCALES = ['sv-SE', 'en-US'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** Credentials of the bot's Entra ID app registration (production mode). */
export interface BotIdentity {
  appId: string;
  appPassword?: string;
  appType: AppType;
  tenantId: string;
  /** Override of the channel's OpenID metadata URL (sovereign clouds, tests). */
  openIdMetadataUrl?: string;
  /** Override of the channel's token issuer (sovereign clouds, tests). */
  tokenIssuer?: string;
}

/** The validated configuration of one Trygg process. */
export interface Config {
  mode: Mode;
  host: string;
  port: number;
  /** Local mode only: accept anonymous requests on a non-loopback address. */
  unsafeAllowAnonymousOnNetwork: boolean;
  bot?: BotIdentity;
  store: { kind: 'sqlite'; sqlitePath: string };
  /** The organisation file (districts, units, roles). */
  organisationFile: string;
  /** How often the organisation file is read again (changes take effect without a restart). */
  directoryRefreshMs: number;
  /** Unfinished reports are removed after this many days without change. */
  draftTtlDays: number;
  /** Deadlines, reminders and escalation of cases. */
  cases: CasePolicy;
  /** The case scheduler (reminders, escalations): how often it looks for due timers. */
  schedulerPollMs: number;
  /** Lägesbild: counts below this are shown as `<threshold` (at least 3). */
  suppressionThreshold: number;
  /** Delivery of notifications (the outbox). */
  outbox: {
    perConversationPerSecond: number;
    perConversationPer30s: number;
    perTenantPerSecond: number;
    retryBaseMs: number;
    retryMaxMs: number;
    maxAgeMs: number;
    pollMs: number;
    sendTimeoutMs: number;
    /** How long a process holds claimed notifications before another may take them over. */
    leaseMs: number;
    /** Safety margin added to every rate window (ms), against late starts and network jitter. */
    marginMs: number;
  };
  maxBodyBytes: number;
  shutdownTimeoutMs: number;
  defaultLocale: Locale;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** Raised for a bad or missing configuration value; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const UNSAFE_BIND_VARIABLE = 'TRYGG_UNSAFE_ALLOW_ANONYMOUS_ON_NETWORK';

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = read(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number (got "${raw}")`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max} (got ${value})`);
  }
  return value;
}

function flag(env: Env, name: string): boolean {
  const raw = read(env, name);
  if (raw === undefined) return false;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function url(env: Env, name: string): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new ConfigError(name, `must be an http(s) URL (got "${raw}")`);
  }
  return raw;
}

function required(env: Env, name: string, why: string): string {
  const value = read(env, name);
  if (value === undefined) throw new ConfigError(name, `is required ${why}`);
  return value;
}

function botIdentity(env: Env): BotIdentity {
  const why = 'when TRYGG_MODE=production';
  const appType = oneOf<AppType>(
    env,
    'MICROSOFT_APP_TYPE',
    ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'],
    'SingleTenant',
  );
  const identity: BotIdentity = {
    appId: required(env, 'MICROSOFT_APP_ID', why),
    appType,
    tenantId: required(env, 'MICROSOFT_APP_TENANT_ID', why),
    openIdMetadataUrl: url(env, 'BOT_OPENID_METADATA_URL'),
    tokenIssuer: read(env, 'BOT_TOKEN_ISSUER'),
  };
  if (appType !== 'UserAssignedMSI') {
    identity.appPassword = required(env, 'MICROSOFT_APP_PASSWORD', `${why} and MICROSOFT_APP_TYPE=${appType}`);
  }
  return identity;
}

function clockTime(env: Env, name: string, fallback: string): string {
  const raw = read(env, name) ?? fallback;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(raw)) throw new ConfigError(name, `must be a time HH:MM (got "${raw}")`);
  return raw;
}

function casePolicy(env: Env): CasePolicy {
  const times = {
    ackCutoff: clockTime(env, 'TRYGG_ACK_CUTOFF', '15:00'),
    workdayEnd: clockTime(env, 'TRYGG_WORKDAY_END', '17:00'),
    reminderTime: clockTime(env, 'TRYGG_REMINDER_TIME', '09:00'),
    seriousAckMinutes: integer(env, 'TRYGG_SERIOUS_ACK_MINUTES', 60, 1, 1440),
  };
  if (times.ackCutoff > times.workdayEnd) throw new ConfigError('TRYGG_ACK_CUTOFF', 'must not be later than TRYGG_WORKDAY_END');
  const escalateDeputyMinutes = integer(env, 'TRYGG_ESCALATE_DEPUTY_MINUTES', 120, 1, 43_200);
  const escalateSecondLineMinutes = integer(env, 'TRYGG_ESCALATE_SECOND_LINE_MINUTES', 1440, 1, 43_200);
  if (escalateSecondLineMinutes < escalateDeputyMinutes) {
    throw new ConfigError('TRYGG_ESCALATE_SECOND_LINE_MINUTES', 'must not be less than TRYGG_ESCALATE_DEPUTY_MINUTES');
  }
  return {
    deadlines: deadlinePolicy(times),
    escalateDeputyMinutes,
    escalateSecondLineMinutes,
    seriousReminderMinutes: integer(env, 'TRYGG_SERIOUS_REMINDER_MINUTES', 120, 1, 1440),
    feedbackReminderDays: integer(env, 'TRYGG_FEEDBACK_REMINDER_DAYS', 14, 1, 365),
  };
}

/**
 * Builds the configuration from environment variables.
 *
 * @param env - the environment, usually `process.env`
 * @param cwd - directory that relative paths are resolved against
 * @returns the validated configuration
 * @throws {@link ConfigError} naming the first bad or missing variable
 */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const mode = oneOf<Mode>(env, 'TRYGG_MODE', ['local', 'production'], 'local');
  const host = read(env, 'HOST') ?? '127.0.0.1';
  const unsafeAllowAnonymousOnNetwork = flag(env, UNSAFE_BIND_VARIABLE);
  if (mode === 'production' && unsafeAllowAnonymousOnNetwork) {
    throw new ConfigError(UNSAFE_BIND_VARIABLE, 'only applies to TRYGG_MODE=local; remove it in production');
  }
  if (mode === 'local' && !isLoopbackHost(host) && !unsafeAllowAnonymousOnNetwork) {
    throw new ConfigError(
      'HOST',
      `local mode accepts unauthenticated requests, so it only binds a loopback address (127.0.0.1, ::1, localhost); ` +
        `got "${host}". Use TRYGG_MODE=production with a bot identity, or set ${UNSAFE_BIND_VARIABLE}=true if you really mean it.`,
    );
  }
  return {
    mode,
    host,
    port: integer(env, 'PORT', 3978, 0, 65535),
    unsafeAllowAnonymousOnNetwork,
    bot: mode === 'production' ? botIdentity(env) : undefined,
    store: {
      kind: oneOf(env, 'TRYGG_STORE', ['sqlite'] as const, 'sqlite'),
      sqlitePath: path.resolve(cwd, read(env, 'TRYGG_SQLITE_PATH') ?? './data/trygg.db'),
    },
    organisationFile: path.resolve(
      cwd,
      mode === 'production'
        ? required(env, 'TRYGG_ORG_FILE', 'when TRYGG_MODE=production (the demo organisation is for local use)')
        : (read(env, 'TRYGG_ORG_FILE') ?? './config/demo-organisation.yml'),
    ),
    directoryRefreshMs: integer(env, 'TRYGG_ORG_REFRESH_SECONDS', 60, 1, 86_400) * 1000,
    draftTtlDays: integer(env, 'TRYGG_DRAFT_TTL_DAYS', 30, 1, 365),
    cases: casePolicy(env),
    schedulerPollMs: integer(env, 'TRYGG_SCHEDULER_POLL_MS', 30_000, 10, 3_600_000),
    suppressionThreshold: integer(env, 'TRYGG_SUPPRESSION_THRESHOLD', 5, 3, 100),
    outbox: {
      perConversationPerSecond: integer(env, 'TRYGG_SEND_PER_CONVERSATION_PER_SECOND', 7, 1, 1000),
      perConversationPer30s: integer(env, 'TRYGG_SEND_PER_CONVERSATION_PER_30S', 60, 1, 30_000),
      perTenantPerSecond: integer(env, 'TRYGG_SEND_PER_TENANT_PER_SECOND', 30, 1, 10_000),
      retryBaseMs: integer(env, 'TRYGG_RETRY_BASE_MS', 1000, 1, 600_000),
      retryMaxMs: integer(env, 'TRYGG_RETRY_MAX_MS', 300_000, 1, 86_400_000),
      maxAgeMs: integer(env, 'TRYGG_OUTBOX_MAX_AGE_MINUTES', 1440, 1, 43_200) * 60_000,
      pollMs: integer(env, 'TRYGG_OUTBOX_POLL_MS', 1000, 10, 60_000),
      sendTimeoutMs: integer(env, 'TRYGG_SEND_TIMEOUT_MS', 15_000, 100, 120_000),
      leaseMs: integer(env, 'TRYGG_OUTBOX_LEASE_SECONDS', 120, 5, 3600) * 1000,
      marginMs: integer(env, 'TRYGG_SEND_MARGIN_MS', 50, 0, MAX_MARGIN_MS),
    },
    maxBodyBytes: integer(env, 'TRYGG_MAX_BODY_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024),
    shutdownTimeoutMs: integer(env, 'TRYGG_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    defaultLocale: oneOf<Locale>(env, 'TRYGG_DEFAULT_LOCALE', SUPPORTED_LOCALES, 'sv-SE'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
  };
}
