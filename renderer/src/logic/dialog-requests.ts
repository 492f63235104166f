/**
 * What each dialog queues: the requests of one batch and its title, from the rows the action is
 * allowed on and the values the user entered (already validated). Item labels are volume names,
 * so the Activity panel reads "data-01 · delete".
 */
import type { QueueRequest } from '@shared/queue';
import type { Volume } from '@shared/volume';
import { bulkNames } from './validators';

/** What a request needs of a volume (a `VolumeRow` fits). */
export type Target = Pick<Volume, 'unique' | 'name' | 'attachments' | 'size'> & { accountId: string };

/** A batch title to translate: a key of `dialogs.batch` and its parameters. */
export interface TitleSpec {
  key: string;
  params: Record<string, unknown>;
}

function oneOrMany(action: string, rows: readonly Target[], params: Record<string, unknown> = {}): TitleSpec {
  return rows.length === 1
    ? { key: `dialogs.batch.${action}One`, params: { name: rows[0]?.name ?? '', ...params } }
    : { key: `dialogs.batch.${action}Many`, params: { n: rows.length, ...params } };
}

export interface CreateValues {
  accountId: string;
  userId: number | null;
  name: string;
  description: string;
  size: number | null;
  image: string;
  count: number;
}

export function createBatch(values: CreateValues): { title: TitleSpec; items: QueueRequest[] } {
  const names = bulkNames(values.name, values.count);
  const description = values.description.trim();
  const image = values.image.trim();
  const items: QueueRequest[] = names.map((name) => ({
    op: 'create',
    accountId: values.accountId,
    label: name,
    params: {
      name,
      ...(values.userId !== null ? { userid: values.userId } : {}),
      ...(description ? { description } : {}),
      ...(values.size !== null ? { size: values.size } : {}),
      ...(image ? { image } : {}),
    },
  }));
  const title: TitleSpec =
    names.length === 1
      ? { key: 'dialogs.batch.createOne', params: { name: names[0] } }
      : { key: 'dialogs.batch.createMany', params: { n: names.length, first: names[0], last: names.at(-1) } };
  return { title, items };
}

export function cloneBatch(row: Target, uid: number, name: string, description: string): { title: TitleSpec; items: QueueRequest[] } {
  const copy = name.trim();
  const text = description.trim();
  return {
    title: { key: 'dialogs.batch.clone', params: { name: row.name, copy } },
    items: [
      {
        op: 'clone',
        accountId: row.accountId,
        label: copy,
        params: { unique: row.unique, uid, name: copy, ...(text ? { description: text } : {}) },
      },
    ],
  };
}

export function extendBatch(rows: readonly Target[], size: number): { title: TitleSpec; items: QueueRequest[] } {
  return {
    title: oneOrMany('extend', rows, { size }),
    items: rows.map((r) => ({ op: 'extend', accountId: r.accountId, label: r.name, params: { unique: r.unique, size } })),
  };
}

export function attachBatch(row: Target, serverId: string): { title: TitleSpec; items: QueueRequest[] } {
  const server = serverId.trim();
  return {
    title: { key: 'dialogs.batch.attach', params: { name: row.name, server } },
    items: [{ op: 'attach', accountId: row.accountId, label: row.name, params: { unique: row.unique, serverId: server } }],
  };
}

/** Detaches each volume from the server its attachment names. */
export function detachBatch(rows: readonly Target[]): { title: TitleSpec; items: QueueRequest[] } {
  return {
    title: oneOrMany('detach', rows),
    items: rows.map((r) => ({
      op: 'detach',
      accountId: r.accountId,
      label: r.name,
      params: { unique: r.unique, serverId: r.attachments[0]?.serverId ?? '' },
    })),
  };
}

/** Disabling an attached volume detaches it: the request names its server. */
export function switchBatch(op: 'enable' | 'disable', rows: readonly Target[]): { title: TitleSpec; items: QueueRequest[] } {
  const items: QueueRequest[] = rows.map((r) => {
    const serverId = r.attachments[0]?.serverId;
    return op === 'disable'
      ? { op, accountId: r.accountId, label: r.name, params: serverId ? { unique: r.unique, serverId } : { unique: r.unique } }
      : { op, accountId: r.accountId, label: r.name, params: { unique: r.unique } };
  });
  return { title: oneOrMany(op, rows), items };
}

export function deleteBatch(rows: readonly Target[]): { title: TitleSpec; items: QueueRequest[] } {
  return {
    title: oneOrMany('delete', rows),
    items: rows.map((r) => ({ op: 'delete', accountId: r.accountId, label: r.name, params: { unique: r.unique } })),
  };
}

/** The dialog fields a cloud's refusal can be about. */
export type RefusedField = 'name' | 'size' | 'image' | 'serverId';

/**
 * Which field of its dialog a refusal of the cloud is about, from the API code (section 3 of the
 * spec): an unknown image → the image id, a size the cloud will not give → the size, a server it
 * does not know (often a server's name typed for its id) → the server id. null: the dialog's foot.
 */
export function refusedField(op: QueueRequest['op'], code: string): RefusedField | null {
  const api = code.replace(/^volumes\.error\./, '');
  if (api === 'image-not-exists') return op === 'create' ? 'image' : null;
  if (api === 'size-invalid' || api === 'size-insufficient' || api === 'require-parameter-size')
    return op === 'create' || op === 'extend' ? 'size' : null;
  if (api === 'server-not-exists') return op === 'attach' ? 'serverId' : null;
  return null;
}

/** A dialog's tenant choices: "Finance (101)", or the bare id of an unlabelled tenant; values are the ids as text. */
export function tenantOptions(tenants: readonly { userId: number; label?: string }[]): { value: string; label: string }[] {
  return tenants.map((tenant) => ({
    value: String(tenant.userId),
    label: tenant.label ? `${tenant.label} (${tenant.userId})` : String(tenant.userId),
  }));
}
