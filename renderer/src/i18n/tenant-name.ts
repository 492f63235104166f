/**
 * The one name of a tenant on screen, in sorting and in exports: the label the user gave it, or
 * "Tenant 103" (its user id) when it has none - the sidebar, the table, the Overview and the
 * Attachments view all call this.
 */
import { currentLocale, translate } from './index';

/**
 * "Tenant 103" per language and user id, worded once: the table asks for it twice per visible row
 * on every repaint, and a sort by tenant once per row (100,000 vue-i18n calls at that scale).
 */
const unnamed = new Map<string, string>();

export function tenantName(label: string | null | undefined, userId: number): string {
  if (label) return label;
  // Reading the language keeps a caller's render or computed following it.
  const id = `${currentLocale.value}\n${userId}`;
  let text = unnamed.get(id);
  if (text === undefined) {
    text = translate({ key: 'tenants.unnamed', params: { id: userId } });
    unnamed.set(id, text);
  }
  return text;
}
