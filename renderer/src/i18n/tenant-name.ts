/**
 * The one name of a tenant on screen, in sorting and in exports: the label the user gave it, or
 * "Tenant 103" (its user id) when it has none - the sidebar, the table, the Overview and the
 * Attachments view all call this.
 */
import { translate } from './index';

export function tenantName(label: string | null | undefined, userId: number): string {
  return label ? label : translate({ key: 'tenants.unnamed', params: { id: userId } });
}
