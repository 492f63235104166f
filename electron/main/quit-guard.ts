/**
 * Every way of quitting (menu, Cmd+Q, the last window closed, the OS logging out) goes through
 * `before-quit`. While queue work is pending or running the user is asked first: quit now (the
 * journal resumes it at the next launch), wait for it to finish, or cancel. Then the core stops
 * gracefully, and only then does the app quit.
 */
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { QueueActivity } from '../core/app-core';
import type { Logger } from '../core/ports';
import { text, type Language } from './texts';

export interface QuitGuardOptions {
  activity(): QueueActivity;
  /** Calls `listener` whenever the queue changes; returns the function that stops it. */
  onQueueChange(listener: () => void): () => void;
  window(): BrowserWindow | undefined;
  language(): Language;
  /** Stops the core and saves what must be saved; `idle` says no queue work is left. */
  shutdown(idle: boolean): Promise<void>;
  logger: Logger;
}

/** The answers of the quit prompt, in the order of its buttons. */
export const QUIT_NOW = 0;
export const QUIT_WAIT = 1;
export const QUIT_CANCEL = 2;

const busyCount = (activity: QueueActivity) => activity.pending + activity.running;

export function installQuitGuard(options: QuitGuardOptions): { sessionEnd(): void; quitting(): boolean } {
  let state: 'open' | 'asking' | 'waiting' | 'stopping' | 'done' = 'open';
  let stopWaiting: (() => void) | undefined;

  const stop = async () => {
    stopWaiting?.();
    stopWaiting = undefined;
    state = 'stopping';
    const idle = busyCount(options.activity()) === 0;
    options.logger.info('quitting', { idle });
    await options.shutdown(idle).catch((error: unknown) => options.logger.error('graceful stop failed', { error: String(error) }));
    state = 'done';
    app.quit();
  };

  const wait = () => {
    state = 'waiting';
    options.logger.info('quit: waiting for the queue to finish');
    stopWaiting ??= options.onQueueChange(() => {
      if (state === 'waiting' && busyCount(options.activity()) === 0) void stop();
    });
    if (busyCount(options.activity()) === 0) void stop();
  };

  const ask = async (busy: number) => {
    const language = options.language();
    const box: MessageBoxOptions = {
      type: 'question',
      title: text(language, 'quit.title'),
      message: text(language, 'quit.message', { count: busy }),
      detail: text(language, 'quit.detail'),
      buttons: [text(language, 'quit.now'), text(language, 'quit.wait'), text(language, 'quit.cancel')],
      defaultId: QUIT_WAIT,
      cancelId: QUIT_CANCEL,
      noLink: true,
    };
    const wasWaiting = state === 'waiting';
    state = 'asking';
    const window = options.window();
    const { response } = await (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
    if (response === QUIT_NOW) return stop();
    if (response === QUIT_WAIT) return wait();
    options.logger.info('quit cancelled');
    if (wasWaiting) {
      stopWaiting?.();
      stopWaiting = undefined;
    }
    state = 'open';
  };

  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'asking' || state === 'stopping') return;
    const busy = busyCount(options.activity());
    void (busy === 0 ? stop() : ask(busy));
  });

  return {
    /** Whether the graceful stop is done and the app is on its way out. */
    quitting: () => state === 'done',
    // The OS is logging out or shutting down (Windows): no time to ask; the journal keeps the work.
    sessionEnd() {
      if (state === 'stopping' || state === 'done') return;
      void stop();
    },
  };
}
