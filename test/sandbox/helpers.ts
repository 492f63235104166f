import { startSandbox, type RunningSandbox, type SandboxOptions, type SandboxSession } from '../../sandbox';

export interface Envelope<T = unknown> {
  status: number;
  message: string;
  result?: T;
}

export interface Answer<T = unknown> extends Envelope<T> {
  httpStatus: number;
}

export type FormValue = string | number | boolean | (string | number)[];

export const API = '/services/openstack/volume';

export function form(params: Record<string, FormValue | undefined>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, String(item));
  }
  return body;
}

export function headersFor(sandbox: RunningSandbox, session: SandboxSession = sandbox.adminSession): Record<string, string> {
  return {
    'HT-ACCESS-TOKEN': sandbox.accessToken,
    'IMR-SESSION-TOKEN': session.sessionToken,
    'IMR-SESSION-SECRET': session.sessionSecret,
  };
}

/** A small raw client: POST with a form body, GET with a query string. */
export class RawClient {
  constructor(
    readonly sandbox: RunningSandbox,
    readonly session: SandboxSession = sandbox.adminSession,
  ) {}

  as(session: SandboxSession): RawClient {
    return new RawClient(this.sandbox, session);
  }

  async post<T = unknown>(
    path: string,
    params: Record<string, FormValue | undefined> = {},
    headers?: Record<string, string>,
  ): Promise<Answer<T>> {
    const res = await fetch(`${this.sandbox.endpoint}${API}${path}`, {
      method: 'POST',
      headers: headers ?? headersFor(this.sandbox, this.session),
      body: form(params),
    });
    return { httpStatus: res.status, ...((await res.json()) as Envelope<T>) };
  }

  async get<T = unknown>(path: string, params: Record<string, FormValue | undefined> = {}): Promise<Answer<T>> {
    const res = await fetch(`${this.sandbox.endpoint}${API}${path}?${form(params).toString()}`, {
      headers: headersFor(this.sandbox, this.session),
    });
    return { httpStatus: res.status, ...((await res.json()) as Envelope<T>) };
  }

  async admin<T = unknown>(path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.sandbox.endpoint}/__sandbox/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'HT-ACCESS-TOKEN': this.sandbox.accessToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }
}

export interface WireVolume {
  unique: number;
  userid: number;
  name: string;
  description: string;
  status: 'ACTIVED' | 'DISABLED';
  volumeId: string;
  volumeStatus: string;
  size: number;
  zone: string;
  volumeType: string;
  sourceVolid: string | null;
  snapshotId: string | null;
  imageId: string | null;
  bootable: boolean;
  attachments: { serverId: string; device: string; attachedAt: number }[];
  migrateStatus: string | null;
  created: number;
  updated: number;
}

export interface WirePage {
  hasPrevious: boolean;
  hasNext: boolean;
  total: number;
  entites: WireVolume[];
}

const started: RunningSandbox[] = [];

/** Starts an in-process sandbox (empty seed, speed 0, free port); call `stopAll` after each test. */
export async function start(options: SandboxOptions = {}): Promise<{ sandbox: RunningSandbox; client: RawClient }> {
  const sandbox = await startSandbox({ seed: 'empty', speed: 0, ...options });
  started.push(sandbox);
  return { sandbox, client: new RawClient(sandbox) };
}

export async function stopAll(): Promise<void> {
  await Promise.all(started.splice(0).map((s) => s.stop()));
}

export async function createVolume(client: RawClient, params: Record<string, FormValue | undefined> = {}): Promise<WireVolume> {
  const answer = await client.post<WireVolume>('/create', { name: 'vol', size: 10, ...params });
  if (answer.status !== 200 || !answer.result) throw new Error(`create failed: ${answer.message}`);
  return answer.result;
}

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
