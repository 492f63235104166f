/**
 * Run by restart-without-keychain.test.ts in a child process whose DBUS_SESSION_BUS_ADDRESS
 * points at nothing: the core restarted on a data folder whose account keeps its secrets in a
 * keychain that is gone. Prints one JSON line of what the window would be told; never a secret
 * (the parent checks).
 */
import { startAppCore } from '../../../electron/core/app-core';
import { KeytarSecretStore } from '../../../electron/core/secrets/keytar-secret-store';

const [dataDir, service, accountId, secretsJson] = process.argv.slice(2) as [string, string, string, string];
const secrets = JSON.parse(secretsJson) as { accessToken: string; sessionToken: string; sessionSecret: string };

const core = await startAppCore({
  dataDir,
  keychain: new KeytarSecretStore({ service }),
  refreshIntervalMs: 3_600_000,
  sandbox: { speed: 0, seed: 'empty' },
});
const started = Date.now();
const first = (await core.handlers['accounts:list']({})).find((a) => a.id === accountId);
const firstListMs = Date.now() - started;
const cached = await core.handlers['volumes:list']({ accountId });
const keychain = (await core.handlers['app:info']({})).keychain;
// What the credentials prompt sends where no keychain is available: kept in memory for this session.
const entered = await core.handlers['accounts:set-credentials']({ accountId, secrets, sessionOnly: true });
const live = await core.handlers['volumes:list']({ accountId });
const after = (await core.handlers['accounts:list']({})).find((a) => a.id === accountId);
await core.stop();

process.stdout.write(
  `${JSON.stringify({
    first,
    firstListMs,
    cached: { source: cached.source, problem: cached.problem, names: cached.volumes.map((v) => v.name) },
    keychain,
    entered: { state: entered.state, secretsIn: entered.secretsIn, hasCredentials: entered.hasCredentials },
    live: { source: live.source, names: live.volumes.map((v) => v.name) },
    after: after && { state: after.state },
  })}\n`,
);
