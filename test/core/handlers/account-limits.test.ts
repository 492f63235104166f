import { describe, expect, it } from 'vitest';
import { invokeSchemas } from '../../../electron/shared/contract';
import { LIMITS } from '../../../electron/shared/limits';

// The account dialog refuses an over-long name or tenant label; the contract holds the core to the same limits.
describe('account lengths in the contract', () => {
  const secrets = { accessToken: 'a', sessionToken: 's', sessionSecret: 'x' };
  const add = (name: string, label: string) =>
    invokeSchemas['accounts:add'].safeParse({
      name,
      endpoint: 'http://127.0.0.1:1',
      colour: '#409eff',
      tenants: [{ userId: 101, label }],
      secrets,
    });

  it('takes a name and a tenant label at their limits, and refuses one character more', () => {
    expect(add('n'.repeat(LIMITS.accountNameLength), 'l'.repeat(LIMITS.tenantLabelLength)).success).toBe(true);
    expect(add('n'.repeat(LIMITS.accountNameLength + 1), 'Finance').success).toBe(false);
    expect(add('Lab', 'l'.repeat(LIMITS.tenantLabelLength + 1)).success).toBe(false);
    expect(invokeSchemas['accounts:update'].safeParse({ accountId: 'a1', name: 'n'.repeat(LIMITS.accountNameLength + 1) }).success).toBe(
      false,
    );
  });
});
