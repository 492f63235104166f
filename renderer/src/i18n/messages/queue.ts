import type { MessageModule } from '@/i18n/index';

/** Words of the operation queue: item states and operations. */
export default {
  en: {
    queue: {
      state: {
        pending: 'Pending',
        running: 'Running',
        waiting: 'Waiting',
        done: 'Done',
        failed: 'Failed',
        cancelled: 'Cancelled',
        unknown: 'Unknown',
      },
      op: {
        create: 'Create',
        clone: 'Clone',
        update: 'Update',
        extend: 'Extend',
        delete: 'Delete',
        enable: 'Enable',
        disable: 'Disable',
        attach: 'Attach',
        detach: 'Detach',
      },
    },
  },
  'zh-CN': {
    queue: {
      state: {
        pending: '等待中',
        running: '执行中',
        waiting: '处理中',
        done: '完成',
        failed: '失败',
        cancelled: '已取消',
        unknown: '结果未知',
      },
      op: {
        create: '创建',
        clone: '克隆',
        update: '修改',
        extend: '扩容',
        delete: '删除',
        enable: '启用',
        disable: '禁用',
        attach: '挂载',
        detach: '卸载',
      },
    },
  },
} satisfies MessageModule;
