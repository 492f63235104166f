import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { accessDenied } from './errors';
import { newSecret } from './random';
import type { Role, SandboxState, Session } from './types';
import type { Caller } from './volume-store';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The access token and the sessions: issued at each start and held in memory only, never in the
 * data file, so a copy of that file (or a backup of the data folder) opens nothing.
 */
export class Sessions {
  /** The application access token every request must carry; new at each start unless handed over. */
  readonly accessToken: string;
  private sessions: Session[];

  /** `earlier`: the token and sessions of an earlier run, handed over in memory (never from a file). */
  constructor(
    private readonly state: Pick<SandboxState, 'tenants'>,
    private readonly clock: () => number = Date.now,
    earlier?: { accessToken: string; sessions: readonly Session[] },
  ) {
    this.accessToken = earlier?.accessToken ?? newSecret();
    this.sessions = (earlier?.sessions ?? []).map((s) => ({ ...s })).filter((s) => !this.expired(s));
  }

  /** The live sessions, for handing over to a later run. */
  live(): Session[] {
    return this.sessions.filter((s) => !this.expired(s)).map((s) => ({ ...s }));
  }

  /** Whether the request carries the sandbox's application access token. */
  hasAccessToken(headers: IncomingHttpHeaders): boolean {
    const token = header(headers, 'ht-access-token');
    return token !== undefined && sameSecret(token, this.accessToken);
  }

  /** The caller of an API request; 403 access-denied for missing, wrong or expired credentials. */
  authenticate(headers: IncomingHttpHeaders): Caller {
    if (!this.hasAccessToken(headers)) throw accessDenied();
    const token = header(headers, 'imr-session-token');
    const secret = header(headers, 'imr-session-secret');
    if (!token || !secret) throw accessDenied();
    const session = this.sessions.find((s) => s.token === token);
    if (!session || !sameSecret(secret, session.secret) || this.expired(session)) throw accessDenied();
    return { userId: session.userId, role: session.role };
  }

  create(userId: number, role: Role, ttlSeconds?: number): Session {
    if (!this.state.tenants.some((t) => t.userId === userId)) throw new Error(`no tenant with user id ${userId}`);
    const session: Session = {
      token: newSecret(),
      secret: newSecret(),
      userId,
      role,
      expiresAt: ttlSeconds === undefined ? null : this.clock() + ttlSeconds * 1000,
    };
    this.sessions = this.sessions.filter((s) => !this.expired(s)); // a long run does not pile them up
    this.sessions.push(session);
    return session;
  }

  expireAll(): void {
    const now = this.clock();
    for (const s of this.sessions) s.expiresAt = Math.min(s.expiresAt ?? now, now);
  }

  private expired(s: Session): boolean {
    return s.expiresAt !== null && s.expiresAt <= this.clock();
  }
}
