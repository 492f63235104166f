import type { MessageModule } from '@/i18n/index';

/**
 * Why an action is not allowed for a volume (see logic/action-rules.ts). States are named as the
 * table names them: `@:{'volumes.states.X'}` links to the state's own name, `{state}` is one already worded.
 */
export default {
  en: {
    rules: {
      wait: 'Wait: the volume is “{state}”',
      needs: {
        clone: "Clone needs the state “@:{'volumes.states.AVAILABLE'}” or “@:{'volumes.states.IN_USE'}”: the volume is “{state}”",
        extend: "Extend needs the state “@:{'volumes.states.AVAILABLE'}”: the volume is “{state}”",
        attach: "Attach needs the state “@:{'volumes.states.AVAILABLE'}”: the volume is “{state}”",
        detach: "Detach needs the state “@:{'volumes.states.IN_USE'}”: the volume is “{state}”",
        delete:
          "Delete needs the state “@:{'volumes.states.AVAILABLE'}”, “@:{'volumes.states.ERROR'}” or “@:{'volumes.states.ERROR_RESTORING'}”: the volume is “{state}”",
      },
      disabled: {
        clone: 'The volume is disabled: enable it before cloning',
        extend: 'The volume is disabled: enable it before extending',
        attach: 'The volume is disabled: enable it before attaching',
      },
      inUse: {
        extend: "Detach it first: extend needs the state “@:{'volumes.states.AVAILABLE'}” and the volume is “@:{'volumes.states.IN_USE'}”",
        delete: 'Detach it first: the volume is in use',
      },
      alreadyAttached: 'Already attached to server {server}',
      notAttached: 'The volume is not attached to any server',
      noServer: 'The volume is in use but its server is unknown: refresh first',
      alreadyEnabled: 'The volume is already enabled',
      alreadyDisabled: 'The volume is already disabled',
    },
  },
  'zh-CN': {
    rules: {
      wait: '请稍候：磁盘正处于“{state}”状态',
      needs: {
        clone: "克隆需要磁盘处于“@:{'volumes.states.AVAILABLE'}”或“@:{'volumes.states.IN_USE'}”状态：当前为“{state}”",
        extend: "扩容需要磁盘处于“@:{'volumes.states.AVAILABLE'}”状态：当前为“{state}”",
        attach: "挂载需要磁盘处于“@:{'volumes.states.AVAILABLE'}”状态：当前为“{state}”",
        detach: "卸载需要磁盘处于“@:{'volumes.states.IN_USE'}”状态：当前为“{state}”",
        delete:
          "删除需要磁盘处于“@:{'volumes.states.AVAILABLE'}”、“@:{'volumes.states.ERROR'}”或“@:{'volumes.states.ERROR_RESTORING'}”状态：当前为“{state}”",
      },
      disabled: {
        clone: '磁盘已禁用：请先启用再克隆',
        extend: '磁盘已禁用：请先启用再扩容',
        attach: '磁盘已禁用：请先启用再挂载',
      },
      inUse: {
        extend: "请先卸载：扩容需要“@:{'volumes.states.AVAILABLE'}”状态，而磁盘正处于“@:{'volumes.states.IN_USE'}”状态",
        delete: '请先卸载：磁盘正在使用中',
      },
      alreadyAttached: '已挂载到服务器 {server}',
      notAttached: '磁盘未挂载到任何服务器',
      noServer: '磁盘正在使用，但不知道挂载的服务器：请先刷新',
      alreadyEnabled: '磁盘已是启用状态',
      alreadyDisabled: '磁盘已是禁用状态',
    },
  },
} satisfies MessageModule;
