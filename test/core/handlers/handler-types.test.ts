import { describe, expect, it } from 'vitest';
import { dispatch, type Handler, type Handlers } from '../../../electron/core/dispatch';

/*
 * Compile-time checks, run by `npm run typecheck` (tsconfig includes test/): each
 * `@ts-expect-error` fails the type check if the line below it compiles, i.e. if a handler could
 * again declare a payload or result that is not its channel's.
 */

// @ts-expect-error accounts:test takes {accountId}, not a number
const numberPayload: Handler<'accounts:test'> = async (accountId: number) => ({ ok: true, total: accountId });

// @ts-expect-error accounts:test answers a ConnectionTest, not a string
const stringResult: Handler<'accounts:test'> = async ({ accountId }) => accountId;

// @ts-expect-error queue:cancel's itemIds are strings
const wrongField: Handler<'queue:cancel'> = async ({ itemIds }: { batchId: string; itemIds?: number[] }) => (itemIds ? null : null);

// The contract's own payload compiles, with nothing declared: it comes from the schema.
const typed: Handler<'accounts:test'> = async ({ accountId }) => ({ ok: true, total: accountId.length });

describe('handlers typed from the contract', () => {
  it('the dispatcher hands a handler its parsed payload (trimmed by the schema)', async () => {
    let seen: unknown;
    const handlers = { 'queue:submit': async (payload) => ((seen = payload), null as never) } as Partial<Handlers> as Handlers;
    await dispatch(handlers, 'queue:submit', { title: '  Delete 1  ', items: [{ op: 'delete', accountId: 'a', params: { unique: 1 } }] });
    expect(seen).toEqual({ title: 'Delete 1', items: [{ op: 'delete', accountId: 'a', params: { unique: 1 } }] });
    expect([numberPayload, stringResult, wrongField, typed].every((h) => typeof h === 'function')).toBe(true);
  });
});
