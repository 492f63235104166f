/**
 * The window's keyboard shortcuts: which command a key press means. Ctrl on Windows and Linux,
 * Cmd on macOS. Select-all and Delete only count outside text fields, where the keys edit text.
 */
export type Shortcut = 'search' | 'refresh' | 'delete' | 'selectAll';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function shortcutFor(press: KeyPress, inTextField: boolean): Shortcut | null {
  const mod = press.ctrlKey || press.metaKey;
  if (press.altKey) return null;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (key === 'F5' && !mod) return 'refresh';
  if (mod && !press.shiftKey && key === 'r') return 'refresh';
  if (mod && !press.shiftKey && key === 'f') return 'search';
  if (inTextField) return null;
  if (mod && !press.shiftKey && key === 'a') return 'selectAll';
  if (!mod && !press.shiftKey && key === 'Delete') return 'delete';
  return null;
}

/** Whether the key press is aimed at a text field (or other editable element). */
export function isTextField(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const ROW_MOVES: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };

/**
 * The row a table key moves the keyboard's focus to, as an index into `count` rows (null: not a
 * move key, or no rows). With no row focused yet (`at` < 0) the first move lands on the first row
 * (End on the last), not one past it.
 */
export function rowMove(key: string, at: number, count: number): number | null {
  const move = ROW_MOVES[key];
  if (move === undefined || count === 0) return null;
  if (at < 0) return move === Infinity ? count - 1 : 0;
  return Math.max(0, Math.min(count - 1, at + move));
}
