import type { VolumeListing } from '../shared/contract';
import { isCredentialsProblem, type AccountHealthBoard } from './account-health';
import { ApiError, NetworkError, RetryLaterError } from './api/errors';
import type { VolumeClient } from './api/volume-client';
import type { VolumeCache } from './cache/volume-cache';
import { toErrorReply } from './errors/to-reply';

/**
 * The live listing of one account, saved as its last known one; when the cloud cannot be reached,
 * is too busy to answer, no longer accepts the session, or the account's secrets cannot be read, the last known listing with its age and the reason. Any other
 * failure (a broken answer) is the caller's to see. `stuck` is left empty for the caller to fill.
 * The account's client reports a success, an unreachable cloud, a refused session and unreadable
 * secrets itself (account-clients.ts); the listing reports only what the client leaves to its caller.
 */
export async function listVolumes(
  { client, cache, health }: { client: () => Promise<VolumeClient>; cache: VolumeCache; health: AccountHealthBoard },
  accountId: string,
  keywords: string | undefined,
): Promise<VolumeListing> {
  let volumes: VolumeListing['volumes'];
  try {
    ({ volumes } = await (await client()).listAll({ keywords }));
  } catch (error) {
    if (!reportedByClient(error)) health.failed(accountId, error);
    const expired = error instanceof ApiError && error.code === 'volumes.error.access-denied';
    // A busy cloud (Retry-After beyond what a read waits) is shown like an unreachable one: last known volumes;
    // so is an account whose secrets cannot be read (no keychain after a restart) until they are entered again.
    if (!(error instanceof NetworkError) && !(error instanceof RetryLaterError) && !expired && !isCredentialsProblem(error)) throw error;
    const cached = await cache.load(accountId);
    if (!cached) throw error;
    const needle = keywords?.toLowerCase();
    const matching = needle ? cached.volumes.filter((v) => `${v.name}\n${v.description}`.toLowerCase().includes(needle)) : cached.volumes;
    return { volumes: matching, asOf: cached.savedAt, source: 'cache', problem: toErrorReply(error), stuck: [] };
  }
  const asOf = Date.now();
  // The cloud answered: a cache that cannot be written is the cache's to log, never the listing's failure.
  if (keywords === undefined) await cache.save(accountId, volumes, asOf);
  return { volumes, asOf, source: 'live', stuck: [] };
}

/** What the account's client has already told the health board (see AccountHealthBoard.observed and AccountClients.for). */
function reportedByClient(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    (error instanceof ApiError && error.code === 'volumes.error.access-denied') ||
    isCredentialsProblem(error)
  );
}
