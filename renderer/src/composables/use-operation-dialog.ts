/**
 * What every operation dialog starts from: the rows its action is allowed on and those it leaves
 * out, the submission (see use-batch-submit), and the frame's state as one object the dialog binds
 * to OperationDialog (`v-bind="frame"`), so the seven dialogs do not each wire the same props.
 */
import { reactive, ref } from 'vue';
import type { QueueRequest } from '@shared/queue';
import { partitionByAction, type DialogAction } from '@/logic/action-rules';
import type { RefusedField, TitleSpec } from '@/logic/dialog-requests';
import type { VolumeRow } from '@/stores/volumes';
import type OperationDialog from '@/components/dialogs/OperationDialog.vue';
import { useBatchSubmit } from './use-batch-submit';

export interface OperationDialogOptions {
  /** The action on `volumes`; none for create. */
  action?: DialogAction;
  volumes?: readonly VolumeRow[];
  /** The fields a refusal of the cloud can be shown under (the others go to the dialog's foot). */
  fields?: readonly RefusedField[];
}

export function useOperationDialog({ action, volumes = [], fields = [] }: OperationDialogOptions = {}) {
  const submission = useBatchSubmit(fields);
  const dialog = ref<InstanceType<typeof OperationDialog>>();
  const { allowed, refused } = action ? partitionByAction(action, volumes) : { allowed: [], refused: [] };

  const frame = reactive({
    submitting: submission.submitting,
    awaiting: submission.awaiting,
    failure: submission.failure,
    refused,
    nothingLeft: action !== undefined && allowed.length === 0,
    // A value edited after a refusal of the cloud is a new question: the old answer goes.
    onEdit: submission.clearRefusal,
  });

  /** Queues the batch; the dialog closes once it is queued (and, for one item, accepted). */
  async function run(batch: { title: TitleSpec; items: QueueRequest[] }): Promise<void> {
    if (await submission.submit(batch)) dialog.value?.hide();
  }

  return { dialog, allowed, refused, frame, run, refusals: submission.refusals, overLimit: submission.overLimit };
}
