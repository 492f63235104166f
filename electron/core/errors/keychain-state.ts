import type { KeychainState } from '../../shared/contract';
import { errorReply } from '../../shared/error-catalogue';
import type { KeychainProbe } from '../secrets/keytar-secret-store';

/** The keychain as the window is told of it: the probe's code words the problem and its fix; the OS's reason is the detail. */
export function keychainState(probe: KeychainProbe): KeychainState {
  return probe.available ? probe : { available: false, error: errorReply(probe.code, {}, probe.reason) };
}
