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

/** The access token and the sessions, both kept in the persisted state. */
export class Sessions {
  constructor(
    private readonly state: SandboxState,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Whether the request carries the sandbox's application access token. */
  hasAccessToken(headers: IncomingHttpHeaders): boolean {
    const token = header(headers, 'ht-access-token');
    return token !== undefined && sameSecret(token, this.state.accessToken);
  }

  /** The caller of an API request; 403 access-denied for missing, wrong or expired credentials. */
  authenticate(headers: IncomingHttpHeaders): Caller {
    if (!this.hasAccessToken(headers)) throw accessDenied();
    const token = header(headers, 'imr-session-token');
    const secret = header(headers, 'imr-session-secret');
    if (!token || !secret) throw accessDenied();
    const session = this.state.sessions.find((s) => s.token === token);
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
    this.state.sessions.push(session);
    return session;
  }

  expireAll(): void {
    const now = this.clock();
    for (const s of this.state.sessions) s.expiresAt = Math.min(s.expiresAt ?? now, now);
  }

  /** Forgets expired sessions, so restarts do not pile them up in the data file. */
  prune(): void {
    this.state.sessions = this.state.sessions.filter((s) => !this.expired(s));
  }

  private expired(s: Session): boolean {
    return s.expiresAt !== null && s.expiresAt <= this.clock();
  }
}
