/**
 * A client that tells `report` the outcome of each of its calls (null for a success), as the
 * app's account clients tell the account's health (electron/core/account-clients.ts): the queue
 * runner leaves those outcomes to its client, so tests that drive readiness from them wrap theirs.
 */
import type { VolumeClient } from '../../../electron/core/api';

export function reportingClient(client: VolumeClient, report: (error: unknown) => void): VolumeClient {
  return new Proxy(client, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          const result: unknown = await value.apply(target, args);
          report(null);
          return result;
        } catch (error) {
          report(error);
          throw error;
        }
      };
    },
  });
}
