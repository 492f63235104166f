/**
 * The window's toasts, in one place: every short message and notification shows bottom-right,
 * above the status bar (and the Activity panel when it is open), so that none covers the title
 * bar or the toolbar; identical messages group into one with a count; they last a few seconds.
 * A toast only echoes: what a batch did stays in the Activity panel, the place of record.
 */
import type { VNode } from 'vue';
import { ElMessage, ElNotification } from 'element-plus';

/** Elements a toast must stay above carry this attribute (the status bar, the Activity panel). */
export const TOAST_FLOOR_ATTRIBUTE = 'data-toast-floor';

const GAP = 12;
const DURATION = { success: 3000, info: 3000, warning: 5000, error: 6000 } as const;
type ToastKind = keyof typeof DURATION;

/** Distance from the window's bottom edge that keeps a toast clear of every floor element. */
function bottomOffset(): number {
  if (typeof document === 'undefined') return GAP;
  const tops = [...document.querySelectorAll(`[${TOAST_FLOOR_ATTRIBUTE}]`)].map((el) => el.getBoundingClientRect().top);
  return tops.length === 0 ? GAP : Math.max(GAP, window.innerHeight - Math.min(...tops) + GAP);
}

function show(type: ToastKind, message: string | VNode, sticky = false): void {
  ElMessage({
    type,
    message,
    placement: 'bottom-right',
    offset: bottomOffset(),
    grouping: true,
    duration: sticky ? 0 : DURATION[type],
    // An error can be read at leisure and dismissed; the others go by themselves.
    showClose: type === 'error' || sticky,
  });
}

export const toast = {
  success: (message: string) => show('success', message),
  info: (message: string) => show('info', message),
  warning: (message: string) => show('warning', message),
  /** `sticky`: stays until closed (the window could not start, say). */
  error: (message: string | VNode, options: { sticky?: boolean } = {}) => show('error', message, options.sticky),
};

export interface Notice {
  title: string;
  message: string;
  type: 'success' | 'warning' | 'error';
  onClick(): void;
}

/** A notification from the core (a batch finished, an operation failed): clickable, a little longer than a toast. */
export function notify(notice: Notice): void {
  const shown = ElNotification({
    title: notice.title,
    message: notice.message,
    type: notice.type,
    position: 'bottom-right',
    offset: bottomOffset(),
    customClass: 'app-notification',
    duration: 6000,
    // Clicked, it has done its job: it goes.
    onClick: () => {
      notice.onClick();
      shown.close();
    },
  });
}
