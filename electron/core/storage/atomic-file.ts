import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DamagedFileError } from './damaged-file';

/** Folders the app creates are private to the user: data files and the cache hold account data. */
export const PRIVATE_FOLDER_MODE = 0o700;

/**
 * Replaces a file in one step: the data goes to a temporary file beside it (mode 0600), is
 * flushed to disk, and is renamed over the old one, so a crash or kill at any moment leaves either
 * the old file or the new one, never a torn mix. A missing folder is created 0700.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
  await syncFolder(dirname(path));
}

/** Makes a rename durable; not every OS lets a folder be opened and synced, so best effort. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a folder for syncing; the rename is still atomic there.
  }
}

/**
 * The parsed JSON of a file, or `undefined` if it does not exist. Anything else that keeps it
 * from being read (not JSON, empty, a folder) is a {@link DamagedFileError} naming the file by its
 * base name; the parser's own message is not used, as it quotes the content.
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new DamagedFileError(
      basename(path),
      code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'unknown error'})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DamagedFileError(basename(path), text.trim() === '' ? 'is empty' : 'is not valid JSON');
  }
}
