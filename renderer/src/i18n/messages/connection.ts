import type { MessageModule } from '@/i18n/index';

/** The window's connection to its host (the browser host's socket). */
export default {
  en: {
    connection: {
      lost: 'The app host is gone: nothing can be read or changed until it is back.',
      reconnecting: 'Trying to reach it again…',
      back: 'Connected again.',
    },
  },
  'zh-CN': {
    connection: {
      lost: '应用主机已断开：在它恢复之前，无法读取或更改任何内容。',
      reconnecting: '正在重新连接…',
      back: '已重新连接。',
    },
  },
} satisfies MessageModule;
