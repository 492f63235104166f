import type { MessageModule } from '../index';

/**
 * Explanations of the error codes that reach the window: the API's `volumes.error.*`, the
 * client's, the host's (`ipc.*`), the account store's, the keychain's and the queue's.
 * Keys are the code without its namespace (see `i18n/errors.ts`).
 */
export default {
  en: {
    errors: {
      format: '{text} ({code})',
      unknown: 'Unexpected error: {message}',
      internal: 'Something went wrong inside the app',
      volumes: {
        'access-denied': 'The cloud refused the credentials (missing, wrong or expired session)',
        'not-exists': 'The volume does not exist, or this session cannot see it',
        'size-invalid': 'The size is not valid (it must be larger than now, and above zero)',
        'size-insufficient': 'Not enough capacity left for this size',
        'require-parameter': 'A required value is missing: {name}',
        'parameter-invalid': 'A value is of the wrong type or out of range',
        'status-invalid': 'The volume is not in a state that allows this',
        disabled: 'The volume is disabled: enable it first',
        'server-not-exists': 'No such server for this volume (or the volume is not attached to it)',
        'image-not-exists': 'The image does not exist',
        'op-failed': 'The cloud failed to {op} the volume',
        internal: 'The cloud failed internally',
      },
      client: {
        api: 'The cloud answered with an error',
        network: 'The cloud cannot be reached (network)',
        timeout: 'The cloud did not answer in time',
        protocol: 'The cloud answered something unexpected',
        cancelled: 'The request was cancelled',
        'retry-later': 'The cloud is busy and asks to be called again later',
      },
      ipc: {
        disconnected: 'The window lost its connection to the app',
        'invalid-payload': 'The window sent a request the app refused',
        'unknown-channel': 'The app does not know this request',
        'forbidden-sender': 'The app refused a request from this page',
      },
      account: {
        invalid: 'The account settings are not valid',
        'not-found': 'The account no longer exists',
        'missing-credentials': 'The account has no credentials: enter them again',
        removed: 'The account was removed',
      },
      keychain: {
        unavailable: 'The system keychain is not available: use the account for this session only',
      },
      queue: {
        'attach-failed': 'The volume did not end up attached',
        'delete-failed': 'The volume could not be deleted',
        internal: 'The queue failed internally',
        'outcome-unknown': 'The outcome could not be settled: check the volume, then retry or leave it',
        'volume-error': 'The volume went into an error state',
        'volume-gone': 'The volume is gone',
        'wait-timeout': 'The volume stayed in a passing state too long',
      },
    },
  },
  'zh-CN': {
    errors: {
      format: '{text}（{code}）',
      unknown: '意外错误：{message}',
      internal: '应用内部出错',
      volumes: {
        'access-denied': '云平台拒绝了凭据（会话缺失、错误或已过期）',
        'not-exists': '磁盘不存在，或当前会话无权查看',
        'size-invalid': '容量无效（必须大于当前容量且大于零）',
        'size-insufficient': '剩余容量不足',
        'require-parameter': '缺少必填项：{name}',
        'parameter-invalid': '参数类型错误或超出范围',
        'status-invalid': '磁盘当前的状态不允许此操作',
        disabled: '磁盘已禁用：请先启用',
        'server-not-exists': '该磁盘没有此云主机（或磁盘未挂载到该云主机）',
        'image-not-exists': '镜像不存在',
        'op-failed': '云平台执行磁盘操作 {op} 失败',
        internal: '云平台内部错误',
      },
      client: {
        api: '云平台返回错误',
        network: '无法连接云平台（网络）',
        timeout: '云平台响应超时',
        protocol: '云平台返回了无法识别的内容',
        cancelled: '请求已取消',
        'retry-later': '云平台繁忙，要求稍后再试',
      },
      ipc: {
        disconnected: '窗口与应用的连接已断开',
        'invalid-payload': '应用拒绝了窗口发出的请求',
        'unknown-channel': '应用不认识此请求',
        'forbidden-sender': '应用拒绝了来自此页面的请求',
      },
      account: {
        invalid: '账号设置无效',
        'not-found': '账号已不存在',
        'missing-credentials': '账号缺少凭据：请重新输入',
        removed: '账号已被移除',
      },
      keychain: {
        unavailable: '系统钥匙串不可用：请将账号设为仅本次会话使用',
      },
      queue: {
        'attach-failed': '磁盘最终未能挂载',
        'delete-failed': '磁盘无法删除',
        internal: '队列内部错误',
        'outcome-unknown': '无法确认结果：请检查磁盘，然后重试或忽略',
        'volume-error': '磁盘进入了错误状态',
        'volume-gone': '磁盘已不存在',
        'wait-timeout': '磁盘停留在过渡状态的时间过长',
      },
    },
  },
} satisfies MessageModule;
