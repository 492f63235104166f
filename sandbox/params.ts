import { parameterInvalid, requireParameter } from './errors';

/** Request parameters, whether they came as a form, a JSON body or a query string. */
export interface Params {
  get(name: string): string | undefined;
  getAll(name: string): string[];
}

export function paramsFromSearch(search: URLSearchParams): Params {
  return {
    get: (name) => search.get(name) ?? undefined,
    getAll: (name) => search.getAll(name),
  };
}

/** A JSON body with the same names as the form; scalars are read as their text. */
export function paramsFromJson(body: unknown): Params {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw parameterInvalid();
  const record = body as Record<string, unknown>;
  const text = (v: unknown): string | undefined =>
    typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  return {
    get: (name) => {
      const v = record[name];
      return Array.isArray(v) ? text(v[0]) : text(v);
    },
    getAll: (name) => {
      const v = record[name];
      const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
      return list.map(text).filter((s): s is string => s !== undefined);
    },
  };
}

/** Body parameters win; the query string fills in what the body lacks. */
export function mergeParams(body: Params, query: Params): Params {
  return {
    get: (name) => body.get(name) ?? query.get(name),
    getAll: (name) => {
      const fromBody = body.getAll(name);
      return fromBody.length > 0 ? fromBody : query.getAll(name);
    },
  };
}

/** A required parameter; an empty value counts as missing. */
export function required(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw requireParameter(name);
  return value;
}

export function parseInteger(value: string): number {
  if (!/^-?\d{1,15}$/.test(value.trim())) throw parameterInvalid();
  return Number(value.trim());
}

export function parseBoolean(value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw parameterInvalid();
}
