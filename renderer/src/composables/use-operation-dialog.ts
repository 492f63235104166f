/**
 * What every operation dialog starts from: the rows its action is allowed on and those it leaves
 * out, the submission (see use-batch-submit), and the frame's state as one object the dialog binds
 * to OperationDialog (`v-bind="frame"`: test id, title, submit label and danger from its kind),
 * so the seven dialogs do not each wire the same props; a dialog overrides what it words otherwise.
 */
import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { QueueRequest } from '@shared/queue';
import { partitionByAction, type DialogAction } from '@/logic/action-rules';
import type { RefusedField, TitleSpec } from '@/logic/dialog-requests';
import type { DialogKind } from '@/stores/dialogs';
import { useLabelsStore } from '@/stores/labels';
import type { VolumeRow } from '@/stores/volumes';
import { useBatchSubmit } from './use-batch-submit';

export interface OperationDialogOptions {
  /** Create, or the action on `volumes`. */
  kind: DialogKind;
  volumes?: readonly VolumeRow[];
  /** The fields a refusal of the cloud can be shown under (the others go to the dialog's foot). */
  fields?: readonly RefusedField[];
}

export function useOperationDialog({ kind, volumes = [], fields = [] }: OperationDialogOptions) {
  const { t } = useI18n();
  const submission = useBatchSubmit(fields);
  const action: DialogAction | undefined = kind === 'create' ? undefined : kind;
  const done = ref(false);
  const labels = useLabelsStore();
  const { allowed, refused } = action
    ? partitionByAction(action, volumes, (accountId, serverId) => labels.nameOf(accountId, 'server', serverId))
    : { allowed: [], refused: [] };

  const frame = reactive({
    testid: `dialog-${kind}`,
    title: computed(() => t(`dialogs.title.${kind}`)),
    submitLabel: computed(() => t(`dialogs.submit.${kind}`)),
    danger: kind === 'delete' || kind === 'disable',
    submitting: submission.submitting,
    awaiting: submission.awaiting,
    failure: submission.failure,
    refused,
    nothingLeft: action !== undefined && allowed.length === 0,
    // A value edited after a refusal of the cloud is a new question: the old answer goes.
    onEdit: submission.clearRefusal,
    done,
  });

  /** Queues the batch; the dialog closes once it is queued (and, for one item, accepted). */
  async function run(batch: { title: TitleSpec; items: QueueRequest[] }): Promise<void> {
    if (await submission.submit(batch)) done.value = true;
  }

  return { allowed, refused, frame, run, refusals: submission.refusals, overLimit: submission.overLimit };
}
