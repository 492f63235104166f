import type { MessageModule } from '../index';

/** The window's frame: title, views, status bar, common words. */
export default {
  en: {
    app: {
      title: 'Cloud Disk Desk',
      views: { label: 'View', volumes: 'Volumes', attachments: 'Attachments', overview: 'Overview' },
      status: {
        running: 'Running: {n}',
        idle: 'Queue idle',
        activity: 'Activity',
        showActivity: 'Show the Activity panel',
        hideActivity: 'Hide the Activity panel',
        volumes: '{n} volume | {n} volumes',
        accounts: '{n} account | {n} accounts',
      },
      common: {
        ok: 'OK',
        cancel: 'Cancel',
        save: 'Save',
        close: 'Close',
        edit: 'Edit',
        remove: 'Remove',
        refresh: 'Refresh',
        loading: 'Loading…',
        yes: 'Yes',
        no: 'No',
        none: '—',
      },
      keychain: {
        title: 'The system keychain is not available: {reason}',
        description: '{fix} Accounts can still be used for this session only.',
      },
      notification: { open: 'Click to open' },
    },
  },
  'zh-CN': {
    app: {
      title: '云磁盘管理台',
      views: { label: '视图', volumes: '磁盘', attachments: '挂载', overview: '概览' },
      status: {
        running: '运行中：{n}',
        idle: '队列空闲',
        activity: '活动',
        showActivity: '显示活动面板',
        hideActivity: '隐藏活动面板',
        volumes: '{n} 个磁盘',
        accounts: '{n} 个账号',
      },
      common: {
        ok: '确定',
        cancel: '取消',
        save: '保存',
        close: '关闭',
        edit: '编辑',
        remove: '移除',
        refresh: '刷新',
        loading: '加载中…',
        yes: '是',
        no: '否',
        none: '—',
      },
      keychain: {
        title: '系统钥匙串不可用：{reason}',
        description: '{fix} 账号仍可仅在本次会话中使用。',
      },
      notification: { open: '点击打开' },
    },
  },
} satisfies MessageModule;
