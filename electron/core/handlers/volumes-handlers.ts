import type { VolumeListing } from '../../shared/contract';
import type { Handlers } from '../dispatch';
import type { Refresher } from '../refresh/refresher';

export interface VolumesHandlersDeps {
  /** One account's listing: live (its passing volumes followed), or the last known one. */
  listAccount: (accountId: string, keywords?: string) => Promise<VolumeListing>;
  refresher: Refresher;
}

/** The volumes of one account, as the window asks for them. */
export function volumesHandlers({ listAccount, refresher }: VolumesHandlersDeps): Pick<Handlers, 'volumes:list'> {
  return {
    'volumes:list': async ({ accountId, keywords }) => {
      const listing = await listAccount(accountId, keywords);
      // A full listing the window has is the one the next background refresh is compared with.
      if (keywords === undefined) refresher.seen(accountId, listing.volumes);
      return listing;
    },
  };
}
