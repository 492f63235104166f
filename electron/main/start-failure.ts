/**
 * A start that fails (a data folder that is a file, one held by another process, a damaged file
 * the core cannot recover) must not leave a process with no window: it says why, with the data
 * folder's path and a way to open it, logs it, and quits.
 */
import { app, dialog, shell } from 'electron';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toErrorReply } from '../core/errors/to-reply';
import type { Logger } from '../core/ports';
import { wordError } from '../shared/errors/word-error';
import { text, type Language } from './texts';

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (found) => !found.isDirectory(),
    () => false,
  );
}

/** Why the start failed, in words for the user (the core's messages carry no secret). */
async function reasonOf(error: unknown, dataDir: string, language: Language): Promise<string> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if ((code === 'ENOTDIR' || code === 'EEXIST') && (await isFile(dataDir))) return text(language, 'start.notAFolder');
  // A failure the catalogue knows (another instance holds the folder) is worded in the user's language.
  const reply = toErrorReply(error);
  return reply.code === 'internal' ? (reply.detail ?? 'internal') : wordError(reply, language);
}

export async function failStart(error: unknown, dataDir: string, language: Language, logger: Logger): Promise<void> {
  const reason = await reasonOf(error, dataDir, language);
  logger.error('start failed', { reason, dataDir });
  try {
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: text(language, 'start.title'),
      message: text(language, 'start.title'),
      detail: text(language, 'start.detail', { reason, dataDir }),
      buttons: [text(language, 'start.openFolder'), text(language, 'start.quit')],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (response === 0) {
      // A data "folder" that is a file is shown in its folder instead of being opened.
      if (await isFile(dataDir)) shell.showItemInFolder(dataDir);
      else
        await shell.openPath(
          await stat(dataDir).then(
            () => dataDir,
            () => dirname(dataDir),
          ),
        );
    }
  } catch (dialogError) {
    dialog.showErrorBox(text(language, 'start.title'), text(language, 'start.detail', { reason, dataDir }));
    logger.error('start failure dialog failed', { error: String(dialogError) });
  }
  app.exit(1);
}
