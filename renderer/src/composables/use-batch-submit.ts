/**
 * Submits what a dialog built as one batch: translated title, then the Activity panel opened on it.
 *
 * A batch of one item is honest about its outcome: the dialog stays open and busy until the cloud
 * has accepted the request (the item leaves pending/running for waiting or done) or refused it
 * (failed). A refusal is shown in the dialog: under the field it is about (`refusals`, for the
 * `fields` the dialog has) or at its foot (`failure`), in the error catalogue's words. A batch of
 * many, and work for an account that is offline or expired (the queue holds it until it is back),
 * goes straight to the Activity panel, as does an outcome that is not a refusal (unknown, cancelled).
 */
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { LIMITS } from '@shared/limits';
import { queueHolds } from '@shared/contract';
import { MAX_BATCH_ITEMS, type QueueItemView, type QueueRequest } from '@shared/queue';
import { translate } from '@/i18n';
import { describeError, errorParts } from '@/i18n/errors';
import { refusedField, type RefusedField, type TitleSpec } from '@/logic/dialog-requests';
import { useAccountsStore } from '@/stores/accounts';
import { useDialogsStore } from '@/stores/dialogs';
import { useNavigationStore } from '@/stores/navigation';
import { useQueueStore } from '@/stores/queue';

/** The queue's limit for a batch title. */
const TITLE_MAX = LIMITS.batchTitleLength;

/** Until the cloud answers, an item is pending (its turn) or running (sent). */
const UNANSWERED: readonly QueueItemView['state'][] = ['pending', 'running'];

export function useBatchSubmit(fields: readonly RefusedField[] = []) {
  const { t } = useI18n();
  const queue = useQueueStore();
  const accounts = useAccountsStore();
  const navigation = useNavigationStore();
  const dialogs = useDialogsStore();
  const submitting = ref(false);
  /** Queued, and waiting for the cloud's first answer. */
  const awaiting = ref(false);
  const failure = ref('');
  const refusal = shallowRef<{ field: RefusedField; text: string } | null>(null);
  let stopWaiting: (() => void) | null = null;
  onScopeDispose(() => stopWaiting?.());

  /** The cloud's refusal by field, for `useFieldChecks`. */
  const refusals = computed<Partial<Record<string, string>>>(() => (refusal.value ? { [refusal.value.field]: refusal.value.text } : {}));

  /** Why `n` items cannot go in one batch (the contract's limit), or '' when they can. */
  function overLimit(n: number): string {
    return n > MAX_BATCH_ITEMS ? translate({ key: 'dialogs.batchTooLarge', params: { n, max: MAX_BATCH_ITEMS } }) : '';
  }

  /** The item once the cloud has answered it; undefined when the dialog closed first. */
  function answered(batchId: string): Promise<QueueItemView | undefined> {
    return new Promise((resolve) => {
      const stop = watch(
        () => queue.batchById(batchId)?.items[0],
        (item) => {
          if (!item || UNANSWERED.includes(item.state)) return;
          stopWaiting = null;
          stop();
          resolve(item);
        },
        { immediate: true },
      );
      stopWaiting = () => {
        stop();
        resolve(undefined);
      };
    });
  }

  /**
   * Whether the queue sends the account's work now: it holds it while the account is offline,
   * expired or without credentials, and then there is no answer to wait for.
   */
  function answersNow(accountId: string): boolean {
    const state = accounts.byId(accountId)?.state;
    return state !== undefined && !queueHolds(state);
  }

  /** True when the batch was queued and, for one item, accepted (the dialog then closes). */
  async function submit(batch: { title: TitleSpec; items: QueueRequest[] }): Promise<boolean> {
    if (batch.items.length === 0 || submitting.value) return false;
    // Said here rather than refused by the host, for every dialog that queues a selection.
    failure.value = overLimit(batch.items.length);
    refusal.value = null;
    if (failure.value) return false;
    submitting.value = true;
    try {
      const title = translate(batch.title);
      const queued = await queue.submit(title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title, batch.items);
      const [only] = batch.items;
      if (batch.items.length === 1 && only && answersNow(only.accountId)) {
        awaiting.value = true;
        dialogs.answeredInDialog.add(queued.id);
        const item = await answered(queued.id);
        if (!item) {
          dialogs.answeredInDialog.delete(queued.id); // closed before the answer: it is told as any other
          return false;
        }
        if (item.state === 'failed') {
          const field = refusedField(item.op, errorParts(item.error).code);
          const text = describeError(item.error);
          if (field && fields.includes(field)) refusal.value = { field, text };
          else failure.value = t('dialogs.cloudRefused', { reason: text });
          return false;
        }
        dialogs.answeredInDialog.delete(queued.id); // accepted: a later failure is news
      }
      navigation.openBatch(queued.id);
      return true;
    } catch (error) {
      failure.value = t('dialogs.submitFailed', { reason: describeError(error) });
      return false;
    } finally {
      submitting.value = false;
      awaiting.value = false;
    }
  }

  /** The user changed a value: the cloud's refusal was about the old one. */
  function clearRefusal(): void {
    refusal.value = null;
  }

  return { submit, submitting, awaiting, failure, refusals, clearRefusal, overLimit };
}
