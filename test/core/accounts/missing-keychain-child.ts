/**
 * Run by keychain-missing.test.ts in a child process whose DBUS_SESSION_BUS_ADDRESS points at
 * nothing: exercises the keychain paths and prints one JSON line of what happened. It must not
 * print any secret (the parent checks).
 */
import { AccountStore, KeychainUnavailableError } from '../../../electron/core/accounts/account-store';
import { KeytarSecretStore, probeKeychain } from '../../../electron/core/secrets/keytar-secret-store';

const [service, dataDir, secretsJson] = process.argv.slice(2) as [string, string, string];
const secrets = JSON.parse(secretsJson) as { accessToken: string; sessionToken: string; sessionSecret: string };
const message = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

const probe = await probeKeychain({ service });
const store = new KeytarSecretStore({ service });
const setError = await store.set('acct', secrets).then(() => null, message);
const getError = await store.get('acct').then(() => null, message);

const accounts = await AccountStore.open({ dataDir, keychain: store });
const addError = await accounts.add({ name: 'Prod', endpoint: 'https://api.example.com', colour: '#112233', secrets }).then(
  () => null,
  (error: unknown) => ({ keychainUnavailable: error instanceof KeychainUnavailableError, message: message(error) }),
);
const sessionAccount = await accounts.add({
  name: 'Temp',
  endpoint: 'https://api.example.com',
  colour: '#112233',
  secrets,
  sessionOnly: true,
});
const sessionHas = await accounts.hasCredentials(sessionAccount.id);

process.stdout.write(`${JSON.stringify({ probe, setError, getError, addError, sessionAccount, sessionHas })}\n`);
