/**
 * Where a credentials dialog shows why the core or the cloud refused what was entered: beside the
 * field the refusal is about, or at the dialog's foot when it is about none of them (the cloud
 * cannot be reached, the keychain failed, the settings were refused).
 */
import { errorCode } from '@/i18n/errors';

export type SecretName = 'accessToken' | 'sessionToken' | 'sessionSecret';

/** A refusal, and the field it is shown beside (`null`: the dialog's foot). */
export interface CredentialRefusal {
  error: unknown;
  field: SecretName | null;
}

/**
 * The cloud's `access-denied` refuses the session it was sent (its words: "missing, wrong or
 * expired session"), so it goes beside the session token; anything else goes to the foot.
 */
export function placeRefusal(error: unknown, shown: readonly SecretName[]): CredentialRefusal {
  const aboutSession = errorCode(error) === 'volumes.error.access-denied' && shown.includes('sessionToken');
  return { error, field: aboutSession ? 'sessionToken' : null };
}
