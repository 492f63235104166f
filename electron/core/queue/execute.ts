/** Sends a queued mutation to the cloud: one item by its own call, or a chunk by a batch endpoint. */
import { opParamsSchemas, type OpParams } from '../../shared/queue';
import type { CallOptions, VolumeClient } from '../api';
import type { QueueItem, QueueOp } from './types';

/** Operations a batch endpoint can carry for many volumes of one account at once. */
export const CHUNKABLE_OPS: ReadonlySet<QueueOp> = new Set(['delete', 'enable', 'disable']);

function paramsOf<O extends QueueOp>(op: O, item: QueueItem): OpParams<O> {
  return opParamsSchemas[op].parse(item.params) as OpParams<O>;
}

/** Sends one item; answers the new volume's `unique` for a create or clone. */
export async function sendItem(client: VolumeClient, item: QueueItem, options?: CallOptions): Promise<{ unique?: number }> {
  switch (item.op) {
    case 'create':
      return { unique: (await client.create(paramsOf('create', item), options)).unique };
    case 'clone': {
      const { unique, ...params } = paramsOf('clone', item);
      return { unique: (await client.clone(unique, params, options)).unique };
    }
    case 'update': {
      const { unique, name, description } = paramsOf('update', item);
      // One field alone goes through "update one field", as the platform's own console does.
      if (name !== undefined && description === undefined) await client.updateField(unique, 'name', name, options);
      else if (name === undefined && description !== undefined) await client.updateField(unique, 'description', description, options);
      else await client.update(unique, { name, description }, options);
      return {};
    }
    case 'extend': {
      const { unique, size } = paramsOf('extend', item);
      await client.extend(unique, size, options);
      return {};
    }
    case 'delete':
      await client.delete(paramsOf('delete', item).unique, options);
      return {};
    case 'enable':
      await client.setEnabled(paramsOf('enable', item).unique, { status: 'ACTIVED' }, options);
      return {};
    case 'disable': {
      const { unique, serverId } = paramsOf('disable', item);
      await client.setEnabled(unique, { status: 'DISABLED', serverId }, options);
      return {};
    }
    case 'attach': {
      const { unique, serverId } = paramsOf('attach', item);
      await client.attach(unique, serverId, options);
      return {};
    }
    case 'detach': {
      const { unique, serverId } = paramsOf('detach', item);
      await client.detach(unique, serverId, options);
      return {};
    }
  }
}

/** Sends items of one chunkable operation, all of one account, in one all-or-nothing request. */
export async function sendChunk(client: VolumeClient, op: QueueOp, items: readonly QueueItem[], options?: CallOptions): Promise<void> {
  const uniques = items.map((item) => Number(item.params.unique));
  if (op === 'delete') await client.batchDelete(uniques, options);
  else if (op === 'enable' || op === 'disable') await client.batchSetEnabled(uniques, op === 'enable' ? 'ACTIVED' : 'DISABLED', options);
  else throw new Error(`${op} has no batch endpoint`);
}
