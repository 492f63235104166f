/**
 * How large one request over the browser host's socket can legally be, worked out from the
 * contract's own schemas (their string lengths, array lengths and number ranges), so the socket's
 * limit follows the contract when a limit in it changes. Strings count at their length as sent
 * (a schema that trims may take untrimmed input longer than its limit; the window sends trimmed text).
 */
import type { z } from 'zod';
import { INVOKE_CHANNELS, invokeSchemas, type InvokeChannel } from './contract';

/** The longest JSON of one UTF-16 code unit: a control character or lone surrogate written `\uXXXX`. */
const BYTES_PER_CODE_UNIT = 6;
/** The longest JSON of any finite number, e.g. `-2.2250738585072014e-308`. */
const NUMBER_BYTES = 24;

/** The longest request id a host echoes back (the window uses numbers). */
export const MAX_ID_LENGTH = 64;

/** The part of Zod's schema definitions this walk reads. */
interface SchemaDef {
  type: string;
  checks?: { _zod: { def: { check: string; maximum?: unknown } } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, unknown>;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value));
}

/** The smallest `max_length` check of a string or array schema; Infinity when it has none. */
function maxLength(def: SchemaDef): number {
  const limits = (def.checks ?? []).map((c) => c._zod.def).filter((c) => c.check === 'max_length' && typeof c.maximum === 'number');
  return Math.min(Infinity, ...limits.map((c) => c.maximum as number));
}

function numberBytes(schema: z.ZodType): number {
  const { minValue, maxValue, isInt } = schema as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
  if (!isInt || minValue === null || maxValue === null || !Number.isSafeInteger(minValue) || !Number.isSafeInteger(maxValue))
    return NUMBER_BYTES;
  return Math.max(String(minValue).length, String(maxValue).length);
}

/** The most bytes of JSON (as `JSON.stringify` writes it, UTF-8) a value valid for `schema` can take; Infinity when unbounded. */
export function jsonBytesBound(schema: z.ZodType): number {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return 2 + BYTES_PER_CODE_UNIT * maxLength(def);
    case 'number':
      return numberBytes(schema);
    case 'boolean':
      return 5;
    case 'null':
      return 4;
    case 'literal':
      return Math.max(...(def.values ?? []).map(jsonBytes));
    case 'enum':
      return Math.max(...Object.values(def.entries ?? {}).map(jsonBytes));
    case 'optional':
      return jsonBytesBound(def.innerType as z.ZodType);
    case 'nullable':
      return Math.max(4, jsonBytesBound(def.innerType as z.ZodType));
    case 'union':
      return Math.max(...(def.options ?? []).map(jsonBytesBound));
    case 'array': {
      const count = maxLength(def);
      if (count === 0) return 2;
      return 2 + count * jsonBytesBound(def.element as z.ZodType) + (count - 1);
    }
    case 'object': {
      // Only a strict object (unknown keys refused) has a bound.
      if (!def.catchall || defOf(def.catchall).type !== 'never') return Infinity;
      const entries = Object.entries(def.shape ?? {});
      const members = entries.reduce((sum, [key, value]) => sum + jsonBytes(key) + 1 + jsonBytesBound(value), 0);
      return 2 + members + Math.max(0, entries.length - 1);
    }
    default:
      throw new Error(`message-limits: no JSON size bound for a "${def.type}" schema; add one here`);
  }
}

/** The largest request `{"id":…,"channel":…,"payload":…}` of one channel. */
export function requestBytesBound(channel: InvokeChannel): number {
  const id = Math.max(NUMBER_BYTES, 2 + BYTES_PER_CODE_UNIT * MAX_ID_LENGTH);
  const frame = utf8Bytes(`{"id":,"channel":${JSON.stringify(channel)},"payload":}`);
  return frame + id + jsonBytesBound(invokeSchemas[channel]);
}

/**
 * The largest legal request of the contract, over every channel whose schema bounds its size:
 * `queue:submit` with 10,000 items, each at every limit. Channels with a free-length string
 * (an account's name, its secrets) are held to this size too.
 */
export const MAX_REQUEST_BYTES = Math.max(...INVOKE_CHANNELS.map(requestBytesBound).filter(Number.isFinite));
