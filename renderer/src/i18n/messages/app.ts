import type { MessageModule } from '@/i18n/index';

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
      notification: { open: 'Click to open' },
      dataNotice: {
        title: 'Damaged data files were set aside at this start',
        accounts:
          'The account list ({file}) was damaged: {n} valid account kept; add the others again. | The account list ({file}) was damaged: {n} valid accounts kept; add the others again.',
        settings:
          'The settings ({file}) were damaged: {n} valid setting kept, the rest are back to their defaults. | The settings ({file}) were damaged: {n} valid settings kept, the rest are back to their defaults.',
        queue:
          "The operation queue's journal ({file}) was damaged: {n} record replayed, {lines} left out. | The operation queue's journal ({file}) was damaged: {n} records replayed, {lines} left out.",
        unreadableLines: '{n} unreadable line | {n} unreadable lines',
        cache: 'The last known volumes ({file}) were damaged; they are read again from the cloud.',
        localSandbox: "The Local sandbox's fleet ({file}) was damaged; a fresh demo fleet replaces it.",
        windowState: "The window's size and place ({file}) were damaged; the window opened at its default size.",
        labels:
          'The server and image labels ({file}) were damaged: the labels of {n} account kept; give the others again. | The server and image labels ({file}) were damaged: the labels of {n} accounts kept; give the others again.',
        keptAt: 'The original is kept, unchanged, at {path}',
        notMoved: 'The original could not be moved aside and is still at {file}.',
        dismiss: 'Dismiss',
      },
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
      notification: { open: '点击打开' },
      dataNotice: {
        title: '本次启动时发现损坏的数据文件，已移到一旁',
        accounts: '账号列表（{file}）已损坏：保留了 {n} 个有效账号，其余账号请重新添加。',
        settings: '设置（{file}）已损坏：保留了 {n} 项有效设置，其余已恢复为默认值。',
        queue: '操作队列日志（{file}）已损坏：已恢复 {n} 条记录，略过 {lines}。',
        unreadableLines: '{n} 行无法读取的内容',
        cache: '上次已知的磁盘列表（{file}）已损坏，将重新从云端读取。',
        localSandbox: '本地沙箱的磁盘数据（{file}）已损坏，已换成一套新的演示数据。',
        windowState: '窗口大小和位置（{file}）已损坏，窗口以默认大小打开。',
        labels: '服务器和镜像的标签（{file}）已损坏：保留了 {n} 个账号的标签，其余标签请重新设置。',
        keptAt: '原文件已原样保存在 {path}',
        notMoved: '原文件无法移开，仍在 {file}。',
        dismiss: '知道了',
      },
    },
  },
} satisfies MessageModule;
