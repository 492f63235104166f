/**
 * Every error code the core can send to the window, with the names of its parameters and its
 * text in each language. This is the one list: the core's failures become `{ code, params,
 * detail? }` (see `electron/core/errors/to-reply.ts`), the window and the OS notifications word
 * them from here (see `errors/word-error.ts`), and a test fails when a code the core sends is
 * missing here or a text is missing in a language.
 *
 * Texts use `{name}` placeholders for the parameters. They never hold technical detail (an OS
 * error, a server's message): that travels in `detail` and is shown only on demand.
 */

/** One code: its parameters' names and its text in each language. */
export interface CatalogueEntry {
  params: readonly string[];
  en: string;
  'zh-CN': string;
}

const entry = <const P extends readonly string[] = readonly []>(
  en: string,
  zh: string,
  params?: P,
): { params: P; en: string; 'zh-CN': string } => ({
  params: (params ?? []) as P,
  en,
  'zh-CN': zh,
});

export const ERROR_CATALOGUE = {
  internal: entry('Something went wrong inside the app', '应用内部出错'),

  // The host: requests that never reached a handler.
  'ipc.unknown-channel': entry('The app does not know this request', '应用不认识此请求'),
  'ipc.invalid-payload': entry('The window sent a request the app refused', '应用拒绝了窗口发出的请求'),
  'ipc.bad-message': entry('The app could not read a request from the window', '应用无法读取窗口发出的请求'),
  'ipc.forbidden-sender': entry('The app refused a request from this page', '应用拒绝了来自此页面的请求'),
  'ipc.disconnected': entry('The window lost its connection to the app', '窗口与应用的连接已断开'),

  // The volume client: the cloud could not be asked, or answered something unusable.
  'client.network': entry('The cloud cannot be reached', '无法连接云平台'),
  'client.timeout': entry('The cloud did not answer in time', '云平台响应超时'),
  'client.protocol': entry(
    'The cloud answered something unexpected (HTTP {httpStatus})',
    '云平台返回了无法识别的内容（HTTP {httpStatus}）',
    ['httpStatus'],
  ),
  'client.cancelled': entry('The request was cancelled', '请求已取消'),
  'client.retry-later': entry('The cloud is busy and asks to be called again in {seconds} s', '云平台繁忙，要求 {seconds} 秒后再试', [
    'seconds',
  ]),
  'client.api': entry('The cloud answered with an error this app does not know: {code}', '云平台返回了本应用不认识的错误：{code}', [
    'code',
  ]),

  // The cloud's own codes (volume-api.md, section "Error codes"), as the client normalizes them.
  'volumes.error.access-denied': entry(
    'The cloud refused the credentials (missing, wrong or expired session)',
    '云平台拒绝了凭据（会话缺失、错误或已过期）',
  ),
  'volumes.error.not-exists': entry('The volume does not exist, or this session cannot see it', '磁盘不存在，或当前会话无权查看'),
  'volumes.error.size-invalid': entry(
    'The size is not valid (it must be larger than now, and above zero)',
    '容量无效（必须大于当前容量且大于零）',
  ),
  'volumes.error.size-insufficient': entry('Not enough capacity left for this size', '剩余容量不足'),
  'volumes.error.require-parameter': entry('A required value is missing: {name}', '缺少必填项：{name}', ['name']),
  'volumes.error.parameter-invalid': entry('A value is of the wrong type or out of range', '参数类型错误或超出范围'),
  'volumes.error.status-invalid': entry('The volume is not in a state that allows this', '磁盘当前的状态不允许此操作'),
  'volumes.error.disabled': entry('The volume is disabled: enable it first', '磁盘已禁用：请先启用'),
  'volumes.error.server-not-exists': entry(
    'No such server for this volume (or the volume is not attached to it)',
    '该磁盘没有此云主机（或磁盘未挂载到该云主机）',
  ),
  'volumes.error.image-not-exists': entry('The image does not exist', '镜像不存在'),
  'volumes.error.op-failed': entry('The cloud failed to carry out "{op}"', '云平台执行操作“{op}”失败', ['op']),
  'volumes.error.internal': entry('The cloud failed internally', '云平台内部错误'),
  'volumes.error.bad-request': entry('The cloud could not read the request', '云平台无法读取请求'),
  'volumes.error.header-too-large': entry('The request was too large for the cloud', '请求过大，云平台拒绝处理'),
  'volumes.error.request-timeout': entry('The cloud gave up waiting for the request', '云平台等待请求超时'),

  // Accounts and their secrets.
  'account.invalid': entry('The account settings are not valid', '账号设置无效'),
  'account.not-found': entry('The account no longer exists', '账号已不存在'),
  'account.missing-credentials': entry(
    'The account “{name}” has no credentials in the keychain: enter them again',
    '账号“{name}”在钥匙串中没有凭据：请重新输入',
    ['name'],
  ),
  'account.session-ended': entry(
    'The account “{name}” was used for one session only: enter its credentials again',
    '账号“{name}”仅用于上一次会话：请重新输入凭据',
    ['name'],
  ),
  'account.removed': entry('The account was removed', '账号已被移除'),
  'keychain.unavailable': entry(
    'The system keychain is not available: make sure it is installed, running and unlocked, or use the account for this session only',
    '系统钥匙串不可用：请确认它已安装、正在运行且已解锁，或将账号设为仅本次会话使用',
  ),
  'keychain.no-secret-service': entry(
    'The system keychain is not available: no Secret Service answers. Install and start gnome-keyring (or KeePassXC’s Secret Service), or unlock your login keyring; or use the account for this session only',
    '系统钥匙串不可用：没有 Secret Service 服务应答。请安装并启动 gnome-keyring（或 KeePassXC 的 Secret Service），或解锁登录密钥环；也可将账号设为仅本次会话使用',
  ),
  'keychain.macos': entry(
    'The system keychain is not available: unlock your login keychain in Keychain Access and allow Cloud Disk Desk to use it, or use the account for this session only',
    '系统钥匙串不可用：请在“钥匙串访问”中解锁登录钥匙串并允许 Cloud Disk Desk 使用，或将账号设为仅本次会话使用',
  ),
  'keychain.windows': entry(
    'The system keychain is not available: make sure Windows Credential Manager is available to your user account, or use the account for this session only',
    '系统钥匙串不可用：请确认当前用户可以使用 Windows 凭据管理器，或将账号设为仅本次会话使用',
  ),
  'keychain.module-missing': entry(
    'The keychain module could not be loaded: reinstall Cloud Disk Desk, or use the account for this session only',
    '无法加载钥匙串模块：请重新安装 Cloud Disk Desk，或将账号设为仅本次会话使用',
  ),
  'keychain.failed': entry('The system keychain refused to read or change the credentials', '系统钥匙串拒绝读取或修改凭据'),

  // The queue's own outcomes.
  'queue.attach-failed': entry('The volume did not end up attached', '磁盘最终未能挂载'),
  'queue.delete-failed': entry('The volume could not be deleted', '磁盘无法删除'),
  'queue.internal': entry('The queue failed internally', '队列内部错误'),
  'queue.outcome-unknown': entry(
    'The outcome could not be settled: check the volume, then retry or leave it',
    '无法确认结果：请检查磁盘，然后重试或忽略',
  ),
  'queue.volume-error': entry('The volume went into an error state', '磁盘进入了错误状态'),
  'queue.volume-gone': entry('The volume is gone', '磁盘已不存在'),
  'queue.wait-timeout': entry('The volume stayed in a passing state too long', '磁盘停留在过渡状态的时间过长'),

  // Labels of servers and images.
  'labels.too-many': entry('An account keeps at most {max} labels: remove one first', '每个账号最多保留 {max} 个标签：请先删除一个', [
    'max',
  ]),

  // The data folder.
  'data.folder-locked': entry(
    'The data folder is in use by another Cloud Disk Desk (process {pid} on {host}): close that one first, or start this one with another data folder',
    '数据文件夹正被另一个 Cloud Disk Desk 使用（{host} 上的进程 {pid}）：请先关闭它，或用另一个数据文件夹启动',
    ['pid', 'host'],
  ),
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The languages the catalogue is written in. */
export type ErrorLanguage = 'en' | 'zh-CN';

/** A parameter's value: words from the outside (a name, a code) or a number. */
export type ErrorParamValue = string | number;

/** The parameters a code takes, by name. */
export type ErrorParams<C extends ErrorCode> = { [P in (typeof ERROR_CATALOGUE)[C]['params'][number]]: ErrorParamValue };

/**
 * A failure as it travels to the window: a catalogued code, its parameters, and the technical
 * detail (masked of secrets, for the expandable "Details" only, never the headline).
 */
export type ErrorReply = { [C in ErrorCode]: { code: C; params: ErrorParams<C>; detail?: string } }[ErrorCode];

/** Builds a reply, checking the parameters against the code at compile time. */
export function errorReply<C extends ErrorCode>(code: C, params: ErrorParams<C>, detail?: string): ErrorReply {
  return { code, params, ...(detail ? { detail } : {}) } as ErrorReply;
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}
