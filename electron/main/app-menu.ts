/**
 * The application menu, from a template: the macOS app menu, File, Edit (standard roles, so
 * copy and paste work on macOS), View, Window and Help, with the app's own commands. A packaged
 * build has no developer tools and no page reload.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../shared/contract';
import { text, type Language, type TextKey } from './texts';

/** What the menu's own items do; the page's commands go to the window. */
export interface MenuActions {
  command(command: AppCommand): void;
  openDataFolder(): void;
  openLogsFolder(): void;
  checkForUpdates(): void;
  about(): void;
  homepage?: () => void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  language: Language;
  actions: MenuActions;
}

export function menuTemplate({ platform, isPackaged, language, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const t = (key: TextKey) => text(language, key);
  const mac = platform === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const settings: MenuItemConstructorOptions = {
    label: t('menu.settings'),
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.command('open-settings'),
  };
  const about: MenuItemConstructorOptions = { label: t('menu.about'), click: actions.about };
  const updates: MenuItemConstructorOptions = { label: t('menu.checkForUpdates'), click: actions.checkForUpdates };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      role: 'appMenu',
      submenu: [
        about,
        updates,
        separator,
        settings,
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit', label: t('menu.quit') },
      ],
    });
  }
  template.push(
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.newVolume'), accelerator: 'CmdOrCtrl+N', click: () => actions.command('new-volume') },
        // The page handles Ctrl/Cmd+R and F5 itself (its refresh, never a reload): the menu shows the key without taking it.
        { label: t('menu.refresh'), accelerator: 'CmdOrCtrl+R', registerAccelerator: false, click: () => actions.command('refresh') },
        separator,
        { label: t('menu.openDataFolder'), click: actions.openDataFolder },
        { label: t('menu.openLogsFolder'), click: actions.openLogsFolder },
        ...(mac ? [] : [separator, settings, separator, { role: 'quit', label: t('menu.quit') } as const]),
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { role: 'undo', label: t('menu.undo') },
        { role: 'redo', label: t('menu.redo') },
        separator,
        { role: 'cut', label: t('menu.cut') },
        { role: 'copy', label: t('menu.copy') },
        { role: 'paste', label: t('menu.paste') },
        ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
        { role: 'delete' },
        separator,
        { role: 'selectAll', label: t('menu.selectAll') },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { label: t('menu.activity'), accelerator: 'CmdOrCtrl+Shift+A', click: () => actions.command('toggle-activity') },
        separator,
        // A development build keeps the developer's tools; a packaged one never has them.
        ...(isPackaged
          ? []
          : [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, separator]),
        { role: 'resetZoom', label: t('menu.resetZoom') },
        { role: 'zoomIn', label: t('menu.zoomIn') },
        { role: 'zoomOut', label: t('menu.zoomOut') },
        separator,
        { role: 'togglefullscreen', label: t('menu.fullscreen') },
      ],
    },
    {
      label: t('menu.window'),
      role: 'windowMenu',
      submenu: [
        { role: 'minimize', label: t('menu.minimize') },
        ...(mac
          ? [{ role: 'zoom' } as const, separator, { role: 'front' } as const]
          : [{ role: 'close', label: t('menu.close') } as const]),
      ],
    },
    {
      label: t('menu.help'),
      role: 'help',
      submenu: [
        ...(actions.homepage ? [{ label: t('menu.homepage'), click: actions.homepage }] : []),
        ...(mac ? [] : [separator, updates, about]),
      ],
    },
  );
  return template;
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
