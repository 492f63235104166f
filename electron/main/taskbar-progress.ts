/**
 * While a batch runs, the taskbar (Windows, Linux) or dock (macOS) shows its progress; failed
 * items show as a badge where the OS has one (macOS, some Linux docks).
 */
import { app, type BrowserWindow } from 'electron';
import type { QueueActivity } from '../core/app-core';

/** The progress bar's value: a fraction while a batch has work left, -1 (no bar) otherwise. */
export function progressOf(activity: QueueActivity): number {
  if (activity.batchTotal === 0 || activity.pending + activity.running === 0) return -1;
  return activity.batchDone / activity.batchTotal;
}

export function showQueueProgress(window: BrowserWindow | undefined, activity: QueueActivity): void {
  if (window && !window.isDestroyed()) window.setProgressBar(progressOf(activity));
  app.setBadgeCount(activity.failed);
}
