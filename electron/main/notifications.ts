/**
 * The core's notifications as the OS's own. Each one stays referenced until it is closed or
 * clicked: a Notification nobody holds is garbage-collected, and its click is lost with it.
 */
import { Notification } from 'electron';
import type { AppNotification, NavigationTarget } from '../shared/contract';

export class NotificationCenter {
  readonly #shown = new Set<Notification>();

  /** `onClick` brings the window forward on what the notification is about. */
  constructor(private readonly onClick: (target: NavigationTarget) => void) {}

  /** How many are on screen (held until closed or clicked). */
  get retained(): number {
    return this.#shown.size;
  }

  show(notification: AppNotification): void {
    if (!Notification.isSupported()) return;
    const shown = new Notification({ title: notification.title, body: notification.body });
    this.#shown.add(shown);
    const forget = () => this.#shown.delete(shown);
    shown.on('click', () => {
      forget();
      this.onClick(notification.target);
      shown.close();
    });
    shown.on('close', forget);
    shown.on('failed', forget);
    shown.show();
  }
}
