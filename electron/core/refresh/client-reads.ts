import { ApiError, type VolumeClient } from '../api';
import type { Volume, VolumeState } from '../../shared/volume';

const NOT_EXISTS = 'volumes.error.not-exists';

/** The answer, or null when the volume no longer exists. */
async function unlessGone<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && error.code === NOT_EXISTS) return null;
    throw error;
  }
}

/** The reads a {@link PassingPoller} makes, through each account's API client. */
export function clientReads(clientFor: (accountId: string) => Promise<VolumeClient>): {
  status: (accountId: string, unique: number) => Promise<VolumeState | null>;
  get: (accountId: string, unique: number) => Promise<Volume | null>;
  list: (accountId: string) => Promise<{ volumes: readonly Volume[]; complete: boolean }>;
} {
  return {
    status: async (accountId, unique) =>
      (await unlessGone(clientFor(accountId).then((client) => client.status(unique))))?.volumeStatus ?? null,
    get: (accountId, unique) => unlessGone(clientFor(accountId).then((client) => client.get(unique))),
    list: async (accountId) => (await clientFor(accountId)).listAll({}, { pageSize: 1000 }),
  };
}
