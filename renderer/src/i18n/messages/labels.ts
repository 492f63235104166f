import type { MessageModule } from '@/i18n/index';

/** The user's labels of servers and image ids, wherever one is shown. */
export default {
  en: {
    labels: {
      copy: 'Copy {id}',
      copied: 'Copied {id}',
      copyFailed: 'Could not copy to the clipboard',
      edit: 'Label {id}',
      input: 'Label for {id}',
      placeholder: 'A name you will recognise',
      save: 'Save label',
      cancel: 'Cancel',
      saved: 'Label saved',
      removed: 'Label removed',
      clearHint: 'Leave it empty to remove the label.',
      labelled: '{label} ({id})',
      usedServer: 'Server of a volume',
      seenImage: 'Image of a volume of this account',
    },
  },
  'zh-CN': {
    labels: {
      copy: '复制 {id}',
      copied: '已复制 {id}',
      copyFailed: '无法复制到剪贴板',
      edit: '为 {id} 设置标签',
      input: '{id} 的标签',
      placeholder: '一个便于辨认的名称',
      save: '保存标签',
      cancel: '取消',
      saved: '标签已保存',
      removed: '标签已删除',
      clearHint: '留空即可删除标签。',
      labelled: '{label}（{id}）',
      usedServer: '磁盘所挂载的服务器',
      seenImage: '本账号磁盘所用的镜像',
    },
  },
} satisfies MessageModule;
