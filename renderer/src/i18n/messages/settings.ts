import type { MessageModule } from '@/i18n/index';

/** The settings dialog and the quick language and theme switches. */
export default {
  en: {
    settings: {
      title: 'Settings',
      open: 'Settings',
      language: 'Language',
      theme: 'Theme',
      languages: { system: 'Follow the system', en: 'English', 'zh-CN': '简体中文 (Chinese)' },
      themes: { system: 'Follow the system', light: 'Light', dark: 'Dark' },
      refreshInterval: 'Background refresh (seconds)',
      notifications: 'Desktop notifications',
      checkForUpdates: 'Check for updates at start (desktop app)',
      maxPerAccount: 'Requests at once per account',
      maxTotal: 'Requests at once in all',
      saved: 'Settings saved',
    },
  },
  'zh-CN': {
    settings: {
      title: '设置',
      open: '设置',
      language: '语言',
      theme: '主题',
      languages: { system: '跟随系统', en: 'English（英语）', 'zh-CN': '简体中文' },
      themes: { system: '跟随系统', light: '浅色', dark: '深色' },
      refreshInterval: '后台刷新间隔（秒）',
      notifications: '桌面通知',
      checkForUpdates: '启动时检查更新（桌面应用）',
      maxPerAccount: '每个账号同时请求数',
      maxTotal: '总同时请求数',
      saved: '设置已保存',
    },
  },
} satisfies MessageModule;
