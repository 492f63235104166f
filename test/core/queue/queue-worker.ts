/**
 * A queue host as a process of its own, for the crash test: it runs the real queue runner over
 * the real journal and API client against a sandbox, and can be killed at any moment.
 *
 * Env QUEUE_WORKER (JSON): { journal, endpoint, credentialsFile, batchFile? }. It submits the
 * batch in `batchFile` if the journal is empty, prints one JSON line per item change, prints
 * `{"event":"expired"}` when the session is refused, and exits 0 once every item has finished.
 */
import { readFileSync } from 'node:fs';
import { ApiError, createVolumeClient, NetworkError, type Credentials } from '../../../electron/core/api';
import { Journal } from '../../../electron/core/queue/journal';
import { QueueRunner } from '../../../electron/core/queue/runner';
import { FINISHED_STATES, type QueueRequest } from '../../../electron/shared/queue';
import { reportingClient } from '../../../electron/core/account-clients';

const config = JSON.parse(process.env.QUEUE_WORKER ?? '{}') as {
  journal: string;
  endpoint: string;
  credentialsFile: string;
  batchFile?: string;
};
const readCredentials = (): string => readFileSync(config.credentialsFile, 'utf8');
let credentialsText = readCredentials();
let expired = false;
let offlineUntil = 0;
// The client tells what its calls teach (a refused session, an unreachable cloud), as the app's account clients do.
const client = reportingClient(
  createVolumeClient({ endpoint: config.endpoint, credentials: () => JSON.parse(credentialsText) as Credentials, timeoutMs: 5_000 }),
  (error) => {
    if (error instanceof ApiError && error.code === 'volumes.error.access-denied' && !expired) {
      expired = true;
      print({ event: 'expired' });
    }
    if (error instanceof NetworkError) offlineUntil = Date.now() + 200;
  },
);
const journal = await Journal.open(config.journal);
const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

const runner = new QueueRunner({
  journal,
  clientFor: async () => client,
  isReady: () => !expired && Date.now() >= offlineUntil,
  report: () => {},
  limits: () => ({ perAccount: 4, total: 8 }),
  chunkSize: 10,
  wait: { firstMs: 100, stepMs: 100, capMs: 500, timeoutMs: 60_000 },
  onItem: (item) => {
    print({ id: item.id, state: item.state });
    if (journal.items().every((each) => FINISHED_STATES.includes(each.state))) {
      print({ event: 'all-finished' });
      void journal.close().then(() => process.exit(0));
    }
  },
});

// New session credentials written by the test end the wait; offline pauses end by themselves.
setInterval(() => {
  const text = readCredentials();
  if (text !== credentialsText) {
    credentialsText = text;
    expired = false;
  }
  runner.poke();
}, 100);

runner.start();
if (journal.batches().length === 0 && config.batchFile) {
  const requests = JSON.parse(readFileSync(config.batchFile, 'utf8')) as QueueRequest[];
  await runner.submit('Fault test', requests);
}
print({ event: 'started', items: journal.items().length });
if (journal.items().every((each) => FINISHED_STATES.includes(each.state))) {
  print({ event: 'all-finished' });
  await journal.close();
  process.exit(0);
}
