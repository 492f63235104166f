/**
 * The servers of an account as its volumes reveal them: the API has no server listing, so the
 * servers known to the window are those named in volume attachments.
 */
import type { Attachment, Volume } from '@shared/volume';

type Row = Pick<Volume, 'unique' | 'userid' | 'name' | 'volumeStatus' | 'status' | 'attachments'> & { accountId: string };

export interface ServerGroup<R extends Row> {
  serverId: string;
  /** The tenant its volumes belong to (a server belongs to one tenant). */
  userId: number | null;
  volumes: { row: R; attachment: Attachment }[];
}

/** Servers with the volumes attached to each, by server id; volumes by device. */
export function groupByServer<R extends Row>(rows: readonly R[]): ServerGroup<R>[] {
  const groups = new Map<string, ServerGroup<R>>();
  for (const row of rows)
    for (const attachment of row.attachments) {
      let group = groups.get(attachment.serverId);
      if (!group) {
        group = { serverId: attachment.serverId, userId: row.userid, volumes: [] };
        groups.set(attachment.serverId, group);
      }
      group.volumes.push({ row, attachment });
    }
  const list = [...groups.values()].sort((a, b) => a.serverId.localeCompare(b.serverId, undefined, { numeric: true }));
  for (const group of list)
    group.volumes.sort((a, b) => a.attachment.device.localeCompare(b.attachment.device, undefined, { numeric: true }));
  return list;
}

/** Volumes that could be attached now: available and enabled. */
export function freeVolumes<R extends Row>(rows: readonly R[]): R[] {
  return rows.filter((r) => r.volumeStatus === 'AVAILABLE' && r.status === 'ACTIVED' && r.attachments.length === 0);
}

/** Server ids already seen attached to volumes of this account and tenant: what attach suggests. */
export function serversSeen(rows: readonly Row[], accountId: string, userId: number | null): string[] {
  const seen = new Set<string>();
  for (const row of rows) if (row.accountId === accountId && row.userid === userId) for (const a of row.attachments) seen.add(a.serverId);
  return [...seen].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}
