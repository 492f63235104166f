/**
 * One message from the page's socket, read defensively: any bytes may arrive (a binary frame,
 * text that is not JSON, JSON that is not a request, an id nested 200,000 deep). What is not a
 * request becomes an error reply; nothing here throws.
 */
import type { RawData } from 'ws';
import type { InvokeReply } from '../shared/contract';
import { MAX_ID_LENGTH } from '../shared/message-limits';

export type RequestId = number | string;

/** A request to dispatch, or the reply that refuses what arrived. */
export type ReadMessage =
  { kind: 'request'; id: RequestId; channel: unknown; payload: unknown } | { kind: 'refused'; id?: RequestId; reply: InvokeReply<never> };

function refused(message: string, id?: RequestId): ReadMessage {
  return {
    kind: 'refused',
    ...(id === undefined ? {} : { id }),
    reply: { ok: false, error: { code: 'ipc.bad-message', params: {}, detail: message } },
  };
}

/** An id the host can echo safely: a finite number or a short string (anything else is not echoed). */
function safeId(value: unknown): RequestId | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.length <= MAX_ID_LENGTH) return value;
  return undefined;
}

function bytesOf(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function readMessage(data: RawData, isBinary: boolean): ReadMessage {
  if (isBinary) return refused('Requests are JSON text frames, not binary frames');
  let value: unknown;
  try {
    // ws has checked that a text frame is valid UTF-8.
    value = JSON.parse(bytesOf(data).toString('utf8'));
  } catch {
    return refused('A request is JSON text: this was not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return refused('A request is a JSON object {id, channel, payload}');
  const { id: rawId, channel, payload } = value as { id?: unknown; channel?: unknown; payload?: unknown };
  const id = safeId(rawId);
  if (id === undefined) return refused(`A request needs an id: a number, or a string of at most ${MAX_ID_LENGTH} characters`);
  return { kind: 'request', id, channel, payload };
}
