/**
 * A dialog's field checks, made from the pure validators: each field shows why its value is
 * refused (translated) once the user has left it or tried to submit, and stays live after that.
 * An over-long value says so at once, while typing or on paste (`showsAtOnce`). A refusal of the
 * cloud for a field (see use-batch-submit) is shown the same way, under that field.
 * Shown through `el-form-item :error`, so no second validation library decides differently.
 */
import { computed, reactive } from 'vue';
import { showsAtOnce, type Problem } from '@/logic/validators';
import { translate } from '@/i18n';

export function useFieldChecks<F extends string>(
  checks: Record<F, () => Problem | null>,
  refusals: () => Partial<Record<string, string>> = () => ({}),
) {
  const fields = Object.keys(checks) as F[];
  const shown = reactive(new Set<string>());

  const problems = computed(() => Object.fromEntries(fields.map((field) => [field, checks[field]()])) as Record<F, Problem | null>);

  /** The message to show under each field; empty when none is due. */
  const errors = computed(
    () =>
      Object.fromEntries(
        fields.map((field) => {
          const problem = problems.value[field];
          const due = problem && (shown.has(field) || showsAtOnce(problem));
          return [field, due ? translate(problem) : (refusals()[field] ?? '')];
        }),
      ) as Record<F, string>,
  );

  /** The user left the field: from now on it says what is wrong with it. */
  function touch(field: F): void {
    shown.add(field);
  }

  /** Before submitting: shows every problem; true when there is none. */
  function checkAll(): boolean {
    for (const field of fields) shown.add(field);
    return fields.every((field) => problems.value[field] === null);
  }

  return { errors, touch, checkAll };
}
