import type { MessageModule } from '@/i18n/index';

/** How a tenant is named wherever it appears (see `tenant-name.ts`), and its user id beside it. */
export default {
  en: {
    tenants: {
      unnamed: 'Tenant {id}',
      userId: '#{id}',
      userIdLabel: 'User id {id}',
    },
  },
  'zh-CN': {
    tenants: {
      unnamed: '租户 {id}',
      userId: '#{id}',
      userIdLabel: '用户 ID {id}',
    },
  },
} satisfies MessageModule;
