import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import type { SandboxState } from './types';

const volumeStatusSchema = z.enum([
  'AVAILABLE',
  'ATTACHING',
  'BACKING_UP',
  'CREATING',
  'DELETING',
  'DOWNLOADING',
  'UPLOADING',
  'ERROR',
  'ERROR_DELETING',
  'ERROR_RESTORING',
  'IN_USE',
  'RESTORING_BACKUP',
  'DETACHING',
  'UNRECOGNIZED',
]);
const pendingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), deadline: z.number(), fails: z.boolean() }),
  z.object({ kind: z.literal('extend'), deadline: z.number(), fails: z.boolean(), newSize: z.number() }),
  z.object({ kind: z.literal('attach'), deadline: z.number(), fails: z.boolean(), serverId: z.string(), device: z.string() }),
  z.object({ kind: z.literal('detach'), deadline: z.number(), fails: z.boolean(), serverId: z.string() }),
  z.object({ kind: z.literal('delete'), deadline: z.number(), fails: z.boolean() }),
]);
const storedVolumeSchema = z.object({
  unique: z.number().int(),
  userid: z.number().int(),
  name: z.string(),
  description: z.string(),
  status: z.enum(['ACTIVED', 'DISABLED']),
  volumeId: z.string(),
  volumeStatus: volumeStatusSchema,
  size: z.number(),
  zone: z.string(),
  volumeType: z.string(),
  sourceVolid: z.string().nullable(),
  snapshotId: z.string().nullable(),
  imageId: z.string().nullable(),
  bootable: z.boolean(),
  attachments: z.array(z.object({ serverId: z.string(), device: z.string(), attachedAt: z.number() })),
  migrateStatus: z.string().nullable(),
  created: z.number(),
  updated: z.number(),
  pending: pendingSchema.optional(),
});
/**
 * The data file. Unknown keys are dropped, which is how files of earlier versions, which kept the
 * access token and every session, are cleaned: the next write leaves them out.
 */
const stateSchema = z.object({
  version: z.literal(1),
  nextUnique: z.number().int(),
  tenants: z.array(z.object({ userId: z.number().int(), name: z.string(), quotaGb: z.number() })),
  servers: z.array(z.object({ id: z.string(), name: z.string(), userId: z.number().int() })),
  images: z.array(z.object({ id: z.string(), name: z.string(), minSizeGb: z.number() })),
  volumes: z.array(storedVolumeSchema),
}) satisfies z.ZodType<SandboxState>;

/** The data file cannot be used; names the file, never quotes it (it may hold an old token). */
export class SandboxDataError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`the sandbox data file ${basename(file)} ${reason}`);
    this.name = 'SandboxDataError';
  }
}

/**
 * The state saved in `file`, or undefined if there is none yet. A leftover temp file is dropped.
 * A file that is not a whole sandbox data file (torn, empty, not JSON, another shape, a folder)
 * is a {@link SandboxDataError}.
 */
export async function loadState(file: string): Promise<SandboxState | undefined> {
  await rm(tempPath(file), { force: true });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new SandboxDataError(file, code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'unknown error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text.
    throw new SandboxDataError(file, text.trim() === '' ? 'is empty' : 'is not valid JSON');
  }
  const state = stateSchema.safeParse(json);
  if (!state.success) {
    const where = state.error.issues[0]?.path.join('.') || '(file)';
    throw new SandboxDataError(file, `is not a sandbox data file (at ${where})`);
  }
  return state.data;
}

function tempPath(file: string): string {
  return `${file}.tmp`;
}

/**
 * Replaces `file` atomically: the whole text goes to a temp file in the same directory, is
 * fsynced, then renamed over the old one, and the directory is fsynced so the rename itself is
 * durable. A SIGKILL at any moment leaves either the old or the new file, never a mix.
 */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = tempPath(file);
  const handle = await open(temp, 'w', 0o600); // private to the user, like every data file
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  try {
    const dir = await open(dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  }
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit. `commit()` resolves once a write that started after the call has finished, so a
 * change made before calling it is on disk. While a write is in flight, every further caller
 * waits for the one next write, which snapshots the state when it starts.
 */
export class StateFile {
  private waiters: Waiter[] = [];
  /** The drain loop while it runs; cleared in the same tick its loop sees no waiter left. */
  private draining: Promise<void> | undefined;

  constructor(
    readonly file: string,
    private readonly snapshot: () => SandboxState,
  ) {}

  commit(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves when no write is pending or in flight. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.waiters.length > 0) {
      const batch = this.waiters;
      this.waiters = [];
      try {
        await writeAtomically(this.file, JSON.stringify(this.snapshot()));
        for (const w of batch) w.resolve();
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.draining = undefined;
  }
}
