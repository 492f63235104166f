import type { Handlers } from '../core/dispatch';

/**
 * Whether any open page is looked at. Each page (socket) says when it is hidden or shown; the core
 * is told only when the answer for all of them changes, so a page hidden in a background tab
 * does not slow refresh while another is on screen. A page that closes counts no longer (it is
 * not a hidden one); with none open, refresh goes at the pace the core starts with, a visible one.
 */
export class PageVisibility {
  readonly #pages = new Map<number, boolean>();
  readonly #tell: Handlers['app:visibility'];
  #told = true;
  #next = 0;

  /** `tell` is the core's own `app:visibility` handler. */
  constructor(tell: Handlers['app:visibility']) {
    this.#tell = tell;
  }

  /** A page that opens is taken as visible until it says otherwise. */
  opened(): number {
    const page = this.#next++;
    this.#pages.set(page, true);
    return page;
  }

  set(page: number, visible: boolean): Promise<null> {
    if (this.#pages.has(page)) this.#pages.set(page, visible);
    return this.#update();
  }

  closed(page: number): Promise<null> {
    this.#pages.delete(page);
    return this.#update();
  }

  /** The handlers one page's socket uses: its visibility is its own, everything else the core's. */
  handlersFor(page: number, handlers: Handlers): Handlers {
    return { ...handlers, 'app:visibility': async ({ visible }) => this.set(page, visible) };
  }

  async #update(): Promise<null> {
    const visible = this.#pages.size === 0 || [...this.#pages.values()].some(Boolean);
    if (visible === this.#told) return null;
    this.#told = visible;
    return this.#tell({ visible });
  }
}
