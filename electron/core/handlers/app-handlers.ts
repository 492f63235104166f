import manifest from '../../../package.json' with { type: 'json' };
import type { AccountStore } from '../accounts/account-store';
import type { Handlers } from '../dispatch';
import { keychainState } from '../errors/keychain-state';
import type { DataNotices } from '../storage/damaged-file';

export interface AppHandlersDeps {
  accounts: AccountStore;
  notices: DataNotices;
  /** The window was hidden or shown. */
  onVisibility: (visible: boolean) => void;
}

/** The app itself: what it tells the window at start, and whether the window is looked at. */
export function appHandlers({ accounts, notices, onVisibility }: AppHandlersDeps): Pick<Handlers, 'app:info' | 'app:visibility'> {
  return {
    'app:info': async () => ({
      version: manifest.version,
      keychain: keychainState(await accounts.keychainStatus()),
      notices: notices.list(),
    }),
    'app:visibility': async ({ visible }) => {
      onVisibility(visible);
      return null;
    },
  };
}
