/**
 * The window reopens where the user left it: size, position and maximized state, kept in the data
 * folder, fitted to the displays connected now (a monitor unplugged since must not hide the window).
 */
import type { BrowserWindow, Rectangle } from 'electron';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../core/ports';
import { readJsonFile, writeFileAtomic } from '../core/storage/atomic-file';
import { keepDamaged, type DataNotices } from '../core/storage/damaged-file';

export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 640;
const DEFAULT_WIDTH = 1280;
const DEFAULT_HEIGHT = 800;
const SAVE_DELAY_MS = 500;
export const WINDOW_STATE_FILE = 'window-state.json';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const stateSchema = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean(),
});

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/**
 * The saved state fitted to the work areas connected now: on the display it overlaps most (the
 * first one when it overlaps none), no larger than that display, and wholly on it. Without a saved
 * state: the default size, centred on the first display.
 */
export function fitToDisplays(saved: WindowState | undefined, workAreas: readonly Rectangle[]): WindowState {
  const area = (saved && [...workAreas].sort((a, b) => overlap(saved.bounds, b) - overlap(saved.bounds, a))[0]) ||
    workAreas[0] || { x: 0, y: 0, width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
  const wanted = saved?.bounds ?? { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT, x: Number.NaN, y: Number.NaN };
  const width = Math.min(Math.max(wanted.width, MIN_WIDTH), area.width);
  const height = Math.min(Math.max(wanted.height, MIN_HEIGHT), area.height);
  const centredX = area.x + Math.round((area.width - width) / 2);
  const centredY = area.y + Math.round((area.height - height) / 2);
  const x = Number.isNaN(wanted.x) ? centredX : clamp(wanted.x, area.x, area.x + area.width - width);
  const y = Number.isNaN(wanted.y) ? centredY : clamp(wanted.y, area.y, area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: saved?.maximized ?? false };
}

/**
 * The saved state; undefined when there is none, or when it was damaged: then it is moved aside
 * and the window is told through the core's start-up notices.
 */
export async function loadWindowState(dataDir: string, logger: Logger, notices?: DataNotices): Promise<WindowState | undefined> {
  const path = join(dataDir, WINDOW_STATE_FILE);
  try {
    const raw = await readJsonFile(path);
    if (raw === undefined) return undefined;
    const parsed = stateSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON, or not a file (a folder of that name): damaged as well.
  }
  // Kept for a look, never overwritten: the next save writes a fresh file beside it.
  await keepDamaged(path, { code: 'window-state', file: WINDOW_STATE_FILE, params: {} }, { notices, logger });
  return undefined;
}

/** What a window looks like now, for saving: its normal bounds even while maximized. */
export function stateOf(window: BrowserWindow): WindowState {
  return { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
}

/**
 * Saves the window's state a moment after each move or resize, and at once when it closes.
 * `flush()` saves a last time and resolves when that is on disk (the quit path waits for it).
 */
export function trackWindowState(window: BrowserWindow, dataDir: string, logger: Logger): { flush(): Promise<void> } {
  const path = join(dataDir, WINDOW_STATE_FILE);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let final = false;
  const save = (state: WindowState) => {
    if (final) return;
    writing = writing
      .then(() => writeFileAtomic(path, `${JSON.stringify(state)}\n`))
      .catch((error: unknown) => logger.warn('window state not saved', { error: String(error) }));
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!window.isDestroyed()) save(stateOf(window));
    }, SAVE_DELAY_MS);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', later);
  window.on('close', () => {
    clearTimeout(timer);
    timer = undefined;
    save(stateOf(window));
  });
  return {
    flush() {
      clearTimeout(timer);
      timer = undefined;
      if (!window.isDestroyed()) save(stateOf(window));
      final = true; // the app is stopping: this was the last save
      return writing;
    },
  };
}
