import type { MessageModule } from '@/i18n/index';

/** The account tree on the left. */
export default {
  en: {
    sidebar: {
      label: 'Accounts and tenants',
      allAccounts: 'All accounts',
      search: 'Filter accounts and tenants',
      addAccount: 'Add account',
      noMatch: 'No account or tenant matches',
      noAccounts: 'No account yet',
      volumes: '{n} volume | {n} volumes',
      /** What a count badge counts, read after it by screen readers ("61" volumes). */
      volumesNoun: 'volume | volumes',
      menu: 'Actions for {name}',
      state: {
        unknown: 'checking',
        online: 'online',
        offline: 'offline',
        expired: 'session expired',
        error: 'error',
        'needs-credentials': 'needs credentials',
      },
      actions: { edit: 'Edit', test: 'Test connection', refresh: 'Refresh', remove: 'Remove', credentials: 'Enter new credentials' },
      test: {
        ok: '{name}: the connection works ({n} volume) | {name}: the connection works ({n} volumes)',
        failed: '{name}: the connection failed: {reason}',
      },
      remove: {
        title: 'Remove account',
        body: 'Remove "{name}" and forget its credentials? Its volumes stay on the cloud.',
        confirm: 'Remove',
        done: '{name} removed',
      },
      refreshing: 'Refreshing {name}…',
    },
  },
  'zh-CN': {
    sidebar: {
      label: '账号与租户',
      allAccounts: '全部账号',
      search: '筛选账号和租户',
      addAccount: '添加账号',
      noMatch: '没有匹配的账号或租户',
      noAccounts: '还没有账号',
      volumes: '{n} 个磁盘',
      volumesNoun: '个磁盘',
      menu: '{name} 的操作',
      state: { unknown: '检查中', online: '在线', offline: '离线', expired: '会话已过期', error: '错误', 'needs-credentials': '需要凭据' },
      actions: { edit: '编辑', test: '测试连接', refresh: '刷新', remove: '移除', credentials: '输入新凭据' },
      test: { ok: '{name}：连接正常（{n} 个磁盘）', failed: '{name}：连接失败：{reason}' },
      remove: {
        title: '移除账号',
        body: '移除“{name}”并删除其凭据？其磁盘仍保留在云上。',
        confirm: '移除',
        done: '已移除 {name}',
      },
      refreshing: '正在刷新 {name}…',
    },
  },
} satisfies MessageModule;
