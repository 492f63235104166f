/**
 * Which volume actions are allowed for a volume right now, and if not, why — following the
 * transitions of the API (spec section 4). The UI disables a button or leaves a row out of a
 * batch with the reason returned here, so the user never queues an operation the cloud would
 * refuse with `volumes.error.status-invalid` or `volumes.error.disabled`.
 */
import type { QueueOp } from '@shared/queue';
import { PASSING_STATES, type Volume, type VolumeState } from '@shared/volume';
import type { KeyedMessage } from '@/i18n';

/**
 * An action with a dialog on existing volumes: one of the queue's operations, all but create
 * (no volume yet) and update (the drawer's in-place rename). Each name is the operation it queues,
 * from the toolbar to the API.
 */
export type DialogAction = Exclude<QueueOp, 'create' | 'update'>;

/** What the window can do to a volume: a dialog action, or renaming it in place (which queues an update). */
export type VolumeAction = DialogAction | 'rename';

/** The dialog actions in the order the window offers them. */
export const DIALOG_ACTIONS: readonly DialogAction[] = ['clone', 'extend', 'attach', 'detach', 'enable', 'disable', 'delete'];

export const VOLUME_ACTIONS: readonly VolumeAction[] = [...DIALOG_ACTIONS, 'rename'];

/** Why an action is refused: an i18n key of the `rules` namespace and its parameters. */
export type ActionBlocker = KeyedMessage;

/** What the rules read of a volume (a `VolumeRow` fits; its account names its servers). */
export type RuleSubject = Pick<Volume, 'volumeStatus' | 'status' | 'attachments'> & { accountId?: string };

/** A server as a reason names it: the window passes its label, else its id (the labels store's `nameOf`). */
export type ServerNamer = (accountId: string | undefined, serverId: string) => string;

const BY_ID: ServerNamer = (_accountId, serverId) => serverId;

/** States from which a volume may be deleted. */
const DELETABLE: readonly VolumeState[] = ['AVAILABLE', 'ERROR', 'ERROR_RESTORING'];

function passing(row: RuleSubject): boolean {
  return PASSING_STATES.includes(row.volumeStatus);
}

/** The volume's state as the table words it ("Error deleting"), not the API's `ERROR_DELETING`. */
function stateName(row: RuleSubject): KeyedMessage {
  return { key: `volumes.states.${row.volumeStatus}` };
}

/** The volume is passing through a transitional state: nothing but rename/enable until it settles. */
function wait(row: RuleSubject): ActionBlocker {
  return { key: 'rules.wait', params: { state: stateName(row) } };
}

function needs(action: VolumeAction, row: RuleSubject): ActionBlocker {
  return { key: `rules.needs.${action}`, params: { state: stateName(row) } };
}

/** Null when `action` is allowed on `row`, else the reason it is not (a server in it named by `serverName`). */
export function actionBlocker(action: VolumeAction, row: RuleSubject, serverName: ServerNamer = BY_ID): ActionBlocker | null {
  const disabled = row.status === 'DISABLED';
  const inUse = row.volumeStatus === 'IN_USE';
  switch (action) {
    case 'rename':
      return null;
    case 'enable':
      return disabled ? null : { key: 'rules.alreadyEnabled' };
    case 'disable':
      if (disabled) return { key: 'rules.alreadyDisabled' };
      if (passing(row)) return wait(row);
      // Disabling an attached volume detaches it, which needs the server it is attached to.
      if (inUse && !row.attachments[0]) return { key: 'rules.noServer' };
      return null;
    case 'clone':
      if (disabled) return { key: 'rules.disabled.clone' };
      if (row.volumeStatus === 'AVAILABLE' || inUse) return null;
      return passing(row) ? wait(row) : needs('clone', row);
    case 'extend':
      if (disabled) return { key: 'rules.disabled.extend' };
      if (row.volumeStatus === 'AVAILABLE') return null;
      if (inUse) return { key: 'rules.inUse.extend' };
      return passing(row) ? wait(row) : needs('extend', row);
    case 'attach':
      if (disabled) return { key: 'rules.disabled.attach' };
      if (row.volumeStatus === 'AVAILABLE') return null;
      if (inUse) {
        const serverId = row.attachments[0]?.serverId;
        return { key: 'rules.alreadyAttached', params: { server: serverId === undefined ? '?' : serverName(row.accountId, serverId) } };
      }
      return passing(row) ? wait(row) : needs('attach', row);
    case 'detach':
      if (inUse) return row.attachments[0] ? null : { key: 'rules.noServer' };
      if (row.volumeStatus === 'AVAILABLE') return { key: 'rules.notAttached' };
      return passing(row) ? wait(row) : needs('detach', row);
    case 'delete':
      if (DELETABLE.includes(row.volumeStatus)) return null;
      if (inUse) return { key: 'rules.inUse.delete' };
      return passing(row) ? wait(row) : needs('delete', row);
  }
}

/** A selection split into the rows an action can apply to and those it cannot, with why. */
export interface Partitioned<R> {
  allowed: R[];
  refused: { row: R; blocker: ActionBlocker }[];
}

export function partitionByAction<R extends RuleSubject>(
  action: VolumeAction,
  rows: readonly R[],
  serverName: ServerNamer = BY_ID,
): Partitioned<R> {
  const result: Partitioned<R> = { allowed: [], refused: [] };
  for (const row of rows) {
    const blocker = actionBlocker(action, row, serverName);
    if (blocker) result.refused.push({ row, blocker });
    else result.allowed.push(row);
  }
  return result;
}
