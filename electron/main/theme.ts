/**
 * The native frame, menus and dialogs follow the app's theme setting, and the window opens with
 * the page's own background colour, so there is no white flash before it paints.
 */
import { nativeTheme } from 'electron';
import type { Settings } from '../shared/contract';

/** Element Plus's page background (`--el-bg-color-page`) in each theme. */
const BACKGROUND = { dark: '#0a0a0a', light: '#f2f3f5' };

export function applyTheme(theme: Settings['theme']): void {
  nativeTheme.themeSource = theme;
}

export function backgroundColour(): string {
  return nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light;
}
