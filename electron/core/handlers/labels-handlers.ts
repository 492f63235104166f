import type { AccountStore } from '../accounts/account-store';
import { AccountNotFoundError } from '../accounts/account-store';
import type { Handlers } from '../dispatch';
import type { LabelStore } from '../labels/label-store';

/** The user's labels of servers and image ids: listed, and set or taken away for an account that exists. */
export function labelsHandlers(labels: LabelStore, accounts: AccountStore): Pick<Handlers, 'labels:list' | 'labels:set'> {
  return {
    'labels:list': async () => labels.list(),
    'labels:set': async ({ accountId, kind, id, label }) => {
      if (!accounts.get(accountId)) throw new AccountNotFoundError(accountId);
      return labels.set(accountId, kind, id, label);
    },
  };
}
