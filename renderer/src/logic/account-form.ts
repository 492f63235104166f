/** The account dialog's values and what makes them acceptable, as i18n keys of `accounts.invalid`. */
import { sendsSecretsInClear } from '@shared/endpoint';
import type { KeyedMessage } from '@/i18n';

export interface TenantDraft {
  userId: number | null;
  label: string;
}

export interface AccountDraft {
  name: string;
  endpoint: string;
  colour: string;
  tenants: TenantDraft[];
  accessToken: string;
  sessionToken: string;
  sessionSecret: string;
  sessionOnly: boolean;
  /** The user accepted that a plain-http endpoint off this machine carries the secrets unencrypted. */
  plainHttpConfirmed: boolean;
}

export type AccountProblems = Partial<
  Record<'name' | 'endpoint' | 'accessToken' | 'sessionToken' | 'sessionSecret' | `tenant-${number}`, KeyedMessage>
>;

/** Colours offered for a new account, in turn. */
export const ACCOUNT_COLOURS = ['#409eff', '#67c23a', '#e6a23c', '#f56c6c', '#9b59b6', '#1abc9c', '#e67e22', '#34495e'];

export function validEndpoint(endpoint: string): boolean {
  try {
    const url = new URL(endpoint.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** What is wrong with the draft; `withSecrets` when the three credentials are asked for. */
export function validateAccount(draft: AccountDraft, withSecrets: boolean): AccountProblems {
  const problems: AccountProblems = {};
  if (!draft.name.trim()) problems.name = { key: 'accounts.invalid.name' };
  if (!validEndpoint(draft.endpoint)) problems.endpoint = { key: 'accounts.invalid.endpoint' };
  else if (sendsSecretsInClear(draft.endpoint) && !draft.plainHttpConfirmed) problems.endpoint = { key: 'accounts.invalid.plainHttp' };
  if (withSecrets)
    for (const field of ['accessToken', 'sessionToken', 'sessionSecret'] as const)
      if (!draft[field]) problems[field] = { key: 'accounts.invalid.secret' };
  const seen = new Set<number>();
  draft.tenants.forEach((tenant, index) => {
    if (tenant.userId === null || !Number.isInteger(tenant.userId) || tenant.userId <= 0)
      problems[`tenant-${index}`] = { key: 'accounts.invalid.userId' };
    else if (seen.has(tenant.userId))
      problems[`tenant-${index}`] = { key: 'accounts.invalid.duplicateTenant', params: { id: tenant.userId } };
    else seen.add(tenant.userId);
  });
  return problems;
}

/** The tenants as the contract takes them (labels trimmed, empty ones left out). */
export function tenantsOf(draft: AccountDraft): { userId: number; label?: string }[] {
  return draft.tenants
    .filter((t) => t.userId !== null)
    .map((t) => (t.label.trim() ? { userId: t.userId as number, label: t.label.trim() } : { userId: t.userId as number }));
}
