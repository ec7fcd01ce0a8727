import { resolve } from 'node:path';
import { LIMITS, SIGN_IN, type CollabSettings, type UploadQuotas, type VersionQuotas } from '../../shared/limits';

/** Everything the server reads from its environment, parsed once. Tests build it directly. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The address people use to reach Maillage, for links in e-mails and the allowed Origin. */
  publicUrl: string;
  /** Extra origins allowed to call the API and open WebSockets (e.g. the Vite dev server). */
  trustedOrigins: string[];
  demo: boolean;
  admin: { email: string; password: string } | null;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: string;
  /** Where the built client lives; null serves no client (API-only tests). */
  clientDir: string | null;
  secureCookies: boolean;
  /** Sign-in attempts per account (e-mail address) within the window; a correct password is not counted. */
  loginRateLimit: { max: number; windowMs: number };
  /** Sign-in attempts per minute from one network address (a last resort against floods). */
  loginAddressMax: number;
  /**
   * Which proxies may name the client's address (X-Forwarded-For): false (none, the default) or
   * their addresses. Trusting any sender would let a guesser dodge the sign-in limit.
   */
  trustProxy?: boolean | string;
  sessionTtlMs: number;
  /** At most one e-mail digest of missed discussions per person in this interval; 0 turns it off. */
  digestIntervalMs: number;
  /** Overrides of the collaboration endpoint's limits and delays (tests shorten them). */
  collab?: Partial<CollabSettings>;
  /**
   * Keep one worker process of each pool started (documents load and render at once instead of
   * after a few seconds of worker start-up). Test servers turn it off: they start by the dozen.
   */
  warmWorkers?: boolean;
  /** Overrides the size past which an export is refused (RENDER_LIMITS.maxOutputBytes; tests lower it). */
  exportMaxBytes?: number;
  /** Overrides how much of a document's text the search index holds (DOCUMENT_SEARCH.indexedTextBytes; tests lower it). */
  indexedTextBytes?: number;
  /** Overrides of the disk quotas of UPLOAD_QUOTAS and VERSION_QUOTAS (tests shrink them). */
  quotas?: { uploads?: Partial<UploadQuotas>; versions?: Partial<VersionQuotas> };
  /** Turns GET /metrics on, answered only to `Authorization: Bearer <token>`; null keeps it off. */
  metricsToken?: string | null;
}

const intEnv = (value: string | undefined, fallback: number): number => {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
};

const parseTrustProxy = (value: string | undefined): boolean | string => {
  if (!value || value === 'false' || value === '0') return false;
  return value === 'true' ? true : value;
};

/**
 * Without PUBLIC_URL the server is reached on this machine: by 127.0.0.1 or by localhost, which a
 * browser treats as two origins. With PUBLIC_URL, only that address (and TRUSTED_ORIGINS).
 */
function localOrigins(publicUrl: string | undefined, host: string, port: number): string[] {
  if (publicUrl || !['127.0.0.1', 'localhost', '0.0.0.0'].includes(host)) return [];
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intEnv(env.PORT, 3000);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`).replace(/\/$/, '');
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR || './data'),
    publicUrl,
    trustedOrigins: [
      ...(env.TRUSTED_ORIGINS || '').split(',').map((s) => s.trim()).filter(Boolean),
      ...localOrigins(env.PUBLIC_URL, host, port),
    ],
    demo: env.DEMO !== '0',
    admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'Maillage <no-reply@maillage.local>',
    logLevel: env.LOG_LEVEL || 'info',
    clientDir: resolve(env.CLIENT_DIR || './dist/client'),
    secureCookies: publicUrl.startsWith('https://'),
    loginRateLimit: { max: intEnv(env.LOGIN_RATE_MAX, LIMITS.loginAttempts), windowMs: LIMITS.loginWindowMs },
    loginAddressMax: intEnv(env.LOGIN_ADDRESS_MAX, SIGN_IN.addressMaxPerMinute),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sessionTtlMs: LIMITS.sessionTtlMs,
    digestIntervalMs: intEnv(env.DIGEST_INTERVAL_MINUTES, 180) * 60_000,
    metricsToken: env.METRICS_TOKEN || null,
  };
}
