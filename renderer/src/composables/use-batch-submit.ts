/**
 * Submits what a dialog built as one batch: translated title, then the Activity panel opened on
 * it. A refusal of the host is kept as a translated line (API code included) for the dialog.
 */
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { LIMITS } from '@shared/limits';
import { MAX_BATCH_ITEMS, type QueueRequest } from '@shared/queue';
import { translate } from '@/i18n';
import { describeError } from '@/i18n/errors';
import type { TitleSpec } from '@/logic/dialog-requests';
import { useNavigationStore } from '@/stores/navigation';
import { useQueueStore } from '@/stores/queue';

/** The queue's limit for a batch title. */
const TITLE_MAX = LIMITS.batchTitleLength;

export function useBatchSubmit() {
  const { t } = useI18n();
  const queue = useQueueStore();
  const navigation = useNavigationStore();
  const submitting = ref(false);
  const failure = ref('');

  /** Why `n` items cannot go in one batch (the contract's limit), or '' when they can. */
  function overLimit(n: number): string {
    return n > MAX_BATCH_ITEMS ? translate({ key: 'dialogs.batchTooLarge', params: { n, max: MAX_BATCH_ITEMS } }) : '';
  }

  /** True when the batch was queued (the dialog then closes). */
  async function submit(batch: { title: TitleSpec; items: QueueRequest[] }): Promise<boolean> {
    if (batch.items.length === 0 || submitting.value) return false;
    // Said here rather than refused by the host, for every dialog that queues a selection.
    failure.value = overLimit(batch.items.length);
    if (failure.value) return false;
    submitting.value = true;
    try {
      const title = translate(batch.title);
      const queued = await queue.submit(title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title, batch.items);
      navigation.openBatch(queued.id);
      return true;
    } catch (error) {
      failure.value = t('dialogs.submitFailed', { reason: describeError(error) });
      return false;
    } finally {
      submitting.value = false;
    }
  }

  return { submit, submitting, failure, overLimit };
}
