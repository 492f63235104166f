import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { sandboxAdmin, startAppInBrowser, type AppInBrowser } from '../browser';
import { AppPage, pagesOf, type ViewName } from './index';

/**
 * Every main screen and dialog of the window, each with how to open it and how to leave it, so
 * the accessibility scan and the screenshot matrix visit the same set. `subject` is the name of
 * an available, enabled volume (the drawer, clone and attach open on it).
 */
export interface Stop {
  name: string;
  /** Opens the screen and resolves once it is drawn; gives what the screen is (for a scan's context). */
  open(): Promise<Locator>;
  close(): Promise<void>;
}

/** How long dialogs, the drawer and charts take to fade or slide in (Element Plus's transitions). */
const SETTLE_MS = 300;
/** The Overview's charts draw themselves in (ECharts' entry animation, on a canvas: no CSS can end it; 400 ms caught the pies half drawn). */
const CHARTS_MS = 700;

/**
 * `settleMs` waits out the transitions before a screen counts as shown (an axe scan measures the
 * colours of what is there); a screenshot taken with animations disabled can pass 0.
 */
export function tourOf(page: Page, subject: string, settleMs = SETTLE_MS): Stop[] {
  const { app, volumes, dialogs, activity, overview, attachments, settings } = pagesOf(page);
  const settle = () => page.waitForTimeout(settleMs);
  const shown = async (target: Locator): Promise<Locator> => {
    await expect.poll(() => target.isVisible(), { timeout: 10_000 }).toBe(true);
    await settle();
    return target;
  };
  /** Esc until the overlay is gone (a dialog over the drawer takes one press, the drawer another). */
  const escape = async (target: Locator): Promise<void> => {
    await page.keyboard.press('Escape');
    await expect.poll(() => target.isVisible(), { timeout: 10_000 }).toBe(false);
  };
  const onVolumes = async (): Promise<void> => {
    await app.switchView('volumes');
    await volumes.search('');
    await app.waitForRows();
  };
  const view = (name: ViewName, target: () => Locator, drawn: () => Promise<void>): Stop => ({
    name,
    async open() {
      await app.switchView(name);
      await drawn();
      return shown(target());
    },
    close: onVolumes,
  });
  /** A dialog of the drawer's actions, on the subject. */
  const fromDrawer = (kind: string): Stop => ({
    name: `dialog-${kind}`,
    async open() {
      await onVolumes();
      await volumes.openDrawer(subject);
      await volumes.drawerAction(kind).click();
      return shown(dialogs.operation(kind));
    },
    async close() {
      await escape(dialogs.operation(kind));
      if (await volumes.drawer.isVisible()) await volumes.closeDrawer();
      await volumes.search('');
    },
  });
  /** A batch dialog of the toolbar, on the first three rows (some of them refused, as it happens). */
  const fromToolbar = (kind: string): Stop => ({
    name: `dialog-${kind}`,
    async open() {
      await onVolumes();
      await volumes.rows.nth(0).locator('.cell-name').click();
      await volumes.rows
        .nth(2)
        .locator('.cell-name')
        .click({ modifiers: ['Shift'] });
      await volumes.runBatch(kind);
      return shown(dialogs.operation(kind));
    },
    close: () => escape(dialogs.operation(kind)),
  });

  return [
    {
      name: 'volumes',
      async open() {
        await onVolumes();
        await page.mouse.move(0, 0);
        // Settled too: rows fade their background (a hover left, a theme just switched) for 0.3 s.
        return shown(page.locator('body'));
      },
      async close() {},
    },
    view(
      'overview',
      () => overview.view,
      async () => {
        await overview.waitDrawn();
        await page.waitForTimeout(CHARTS_MS);
      },
    ),
    view(
      'attachments',
      () => attachments.view,
      async () => undefined,
    ),
    {
      name: 'activity',
      async open() {
        await onVolumes();
        if (!(await activity.panel.isVisible())) await app.toggleActivity();
        return shown(activity.panel);
      },
      async close() {
        await app.toggleActivity(); // the status bar's toggle: named in either language
        await expect.poll(() => activity.panel.isVisible()).toBe(false);
      },
    },
    {
      name: 'settings',
      async open() {
        await settings.open();
        return shown(settings.dialog);
      },
      close: () => settings.close(),
    },
    {
      name: 'account',
      async open() {
        await app.addAccountButton.click();
        return shown(dialogs.account);
      },
      close: () => escape(dialogs.account),
    },
    {
      name: 'drawer',
      async open() {
        await onVolumes();
        return shown(await volumes.openDrawer(subject));
      },
      async close() {
        await volumes.closeDrawer();
        await volumes.search('');
      },
    },
    {
      name: 'dialog-create',
      async open() {
        await onVolumes();
        await volumes.openCreate();
        return shown(dialogs.operation('create'));
      },
      close: () => escape(dialogs.operation('create')),
    },
    fromDrawer('clone'),
    fromDrawer('attach'),
    ...['extend', 'detach', 'enable', 'disable', 'delete'].map(fromToolbar),
  ];
}

/**
 * No hover or focus left over from opening the screen: the last clicked button (theme, settings)
 * would keep its tooltip over More and Columns. The mouse goes to the window's top-left corner,
 * the focus leaves the window's own controls (a dialog or drawer keeps its own: a blurred field
 * would validate itself and show red), and any tooltip still up is waited out (Element Plus
 * hides one after 200 ms).
 */
export async function restMouseAndFocus(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => {
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && !focused.closest('.el-overlay')) focused.blur();
  });
  await expect.poll(() => page.locator('.el-popper.is-dark:visible').count(), { interval: 50 }).toBe(0);
}

/**
 * The app the tour visits: a Local sandbox with one more available, enabled volume named
 * `subject`, in a page of `viewport` showing its rows.
 */
export async function openTourApp(
  subject: string,
  viewport: { width: number; height: number },
): Promise<{ app: AppInBrowser; page: Page }> {
  const app = await startAppInBrowser({ sandbox: { speed: 20 } });
  await sandboxAdmin(app).create({ name: subject, size: 5 });
  const page = await app.browser.newPage({ viewport });
  page.setDefaultTimeout(10_000);
  const shell = new AppPage(page);
  await shell.goto(app.host.url);
  await shell.waitForRows();
  return { app, page };
}
