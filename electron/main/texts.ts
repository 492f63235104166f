/**
 * What the main process says to the user (menu labels, dialogs), in the app's two languages. The
 * window's own texts live in renderer/src/i18n; these few are here because the shell shows them.
 */
import type { Settings } from '../shared/contract';

export type Language = 'en' | 'zh-CN';

const en = {
  'menu.file': 'File',
  'menu.edit': 'Edit',
  'menu.view': 'View',
  'menu.window': 'Window',
  'menu.help': 'Help',
  'menu.newVolume': 'New Volume…',
  'menu.refresh': 'Refresh',
  'menu.activity': 'Activity Panel',
  'menu.settings': 'Settings…',
  'menu.openDataFolder': 'Open Data Folder',
  'menu.openLogsFolder': 'Open Logs Folder',
  'menu.checkForUpdates': 'Check for Updates…',
  'menu.about': 'About Cloud Disk Desk',
  'menu.homepage': 'Project Homepage',
  'menu.quit': 'Quit',
  'menu.undo': 'Undo',
  'menu.redo': 'Redo',
  'menu.cut': 'Cut',
  'menu.copy': 'Copy',
  'menu.paste': 'Paste',
  'menu.selectAll': 'Select All',
  'menu.minimize': 'Minimize',
  'menu.close': 'Close Window',
  'menu.fullscreen': 'Toggle Full Screen',
  'menu.resetZoom': 'Actual Size',
  'menu.zoomIn': 'Zoom In',
  'menu.zoomOut': 'Zoom Out',
  'about.detail': 'Version {version}\nA console for cloud disks (volumes) across accounts and tenants.',
  'quit.title': 'Work is still running',
  'quit.message': '{count} operations are queued or running.',
  'quit.detail': 'If you quit now, the queue resumes them the next time you start the app.',
  'quit.now': 'Quit Now',
  'quit.wait': 'Wait for Them to Finish',
  'quit.cancel': 'Cancel',
  'start.title': 'Cloud Disk Desk could not start',
  'start.detail': '{reason}\n\nData folder: {dataDir}',
  'start.notAFolder': 'The data folder is not a folder (a file has its name).',
  'start.openFolder': 'Open Data Folder',
  'start.quit': 'Quit',
  'updates.title': 'Updates',
  'updates.notConfigured': 'This build has no update server configured, so it cannot look for updates.',
  'updates.none': 'You have the latest version ({version}).',
  'updates.downloading':
    'Version {version} is available and is being downloaded. It installs when you quit with no work left in the queue.',
  'updates.failed': 'Could not check for updates: {reason}',
  ok: 'OK',
} as const;

export type TextKey = keyof typeof en;

const zh: Record<TextKey, string> = {
  'menu.file': '文件',
  'menu.edit': '编辑',
  'menu.view': '视图',
  'menu.window': '窗口',
  'menu.help': '帮助',
  'menu.newVolume': '新建云磁盘…',
  'menu.refresh': '刷新',
  'menu.activity': '活动面板',
  'menu.settings': '设置…',
  'menu.openDataFolder': '打开数据文件夹',
  'menu.openLogsFolder': '打开日志文件夹',
  'menu.checkForUpdates': '检查更新…',
  'menu.about': '关于 Cloud Disk Desk',
  'menu.homepage': '项目主页',
  'menu.quit': '退出',
  'menu.undo': '撤销',
  'menu.redo': '重做',
  'menu.cut': '剪切',
  'menu.copy': '复制',
  'menu.paste': '粘贴',
  'menu.selectAll': '全选',
  'menu.minimize': '最小化',
  'menu.close': '关闭窗口',
  'menu.fullscreen': '切换全屏',
  'menu.resetZoom': '实际大小',
  'menu.zoomIn': '放大',
  'menu.zoomOut': '缩小',
  'about.detail': '版本 {version}\n跨账号、跨租户管理云磁盘的控制台。',
  'quit.title': '仍有操作在进行',
  'quit.message': '队列中还有 {count} 个操作在等待或执行。',
  'quit.detail': '现在退出的话，下次启动应用时队列会继续执行它们。',
  'quit.now': '立即退出',
  'quit.wait': '等待完成',
  'quit.cancel': '取消',
  'start.title': 'Cloud Disk Desk 无法启动',
  'start.detail': '{reason}\n\n数据文件夹：{dataDir}',
  'start.notAFolder': '数据文件夹不是文件夹（存在同名文件）。',
  'start.openFolder': '打开数据文件夹',
  'start.quit': '退出',
  'updates.title': '更新',
  'updates.notConfigured': '此版本没有配置更新服务器，无法检查更新。',
  'updates.none': '已是最新版本（{version}）。',
  'updates.downloading': '发现新版本 {version}，正在下载。在队列没有剩余操作时退出即会安装。',
  'updates.failed': '无法检查更新：{reason}',
  ok: '确定',
};

/** The language to speak: the user's setting, or the OS's when the setting is "system". */
export function languageOf(setting: Settings['language'], osLocale: string): Language {
  if (setting !== 'system') return setting;
  return osLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** One text in one language, with `{name}` placeholders filled in. */
export function text(language: Language, key: TextKey, params: Record<string, string | number> = {}): string {
  const template: string = (language === 'zh-CN' ? zh : en)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
