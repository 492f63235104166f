/**
 * A toast's content for an error: the catalogue's headline, and the technical detail folded
 * under "Details" (ElMessage takes a VNode).
 */
import { h, type VNode } from 'vue';
import ErrorDetails from '@/components/common/ErrorDetails.vue';
import { describeError } from './errors';

/** `headline` defaults to the error's own words; pass a sentence that already includes them. */
export function errorMessage(error: unknown, headline: string = describeError(error)): VNode {
  return h('div', [h('div', headline), h(ErrorDetails, { error })]);
}
