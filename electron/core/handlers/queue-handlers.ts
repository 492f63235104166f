import { AccountNotFoundError, type AccountStore } from '../accounts/account-store';
import type { Handlers } from '../dispatch';
import type { QueueRunner } from '../queue/runner';

export type QueueChannel = Extract<keyof Handlers, `queue:${string}`>;

/** The queue's batches: listed, submitted, cancelled, retried, cleared. */
export function queueHandlers(runner: QueueRunner, accounts: AccountStore): Pick<Handlers, QueueChannel> {
  return {
    'queue:list': async () => runner.list(),
    'queue:submit': async ({ title, items }) => {
      const unknown = items.find((item) => accounts.get(item.accountId) === undefined);
      if (unknown) throw new AccountNotFoundError(unknown.accountId);
      return runner.submit(title, items);
    },
    'queue:cancel': async ({ batchId, itemIds }) => {
      await runner.cancel(batchId, itemIds);
      return null;
    },
    'queue:retry': async ({ batchId, itemIds, scope }) => {
      await runner.retry(batchId, itemIds, scope);
      return null;
    },
    'queue:clear-finished': async () => {
      await runner.clearFinished();
      return null;
    },
  };
}
