import type { MessageModule } from '@/i18n/index';

/**
 * The window's own words around an error. The errors themselves are worded by the one catalogue
 * of every code, `electron/shared/error-catalogue.ts`, in both languages (see `i18n/errors.ts`).
 */
export default {
  en: { errors: { details: 'Details' } },
  'zh-CN': { errors: { details: '详情' } },
} satisfies MessageModule;
