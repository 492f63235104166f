import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInBrowser } from './browser';
import { AppPage, pagesOf } from './pages';
import { openTourApp, restMouseAndFocus, tourOf } from './pages/tour';

// axe-core in Chromium over every main screen and dialog (pages/tour.ts), light and dark: a
// serious or critical finding fails, printed with its rule, the element and the rule's help.
const SUBJECT = 'a11y-subject';

interface Finding {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** Each element found, with what axe measured there (the contrast ratio and colours, the attribute). */
  targets: { target: string; why: string }[];
}

/** The page's globals a scan uses (this file is checked without the DOM library). */
type AxeGlobal = {
  axe: {
    run(
      context: unknown,
      options: unknown,
    ): Promise<{
      violations: (Omit<Finding, 'targets'> & { nodes: { target: string[]; any: { message: string }[]; all: { message: string }[] }[] })[];
    }>;
  };
};

async function scan(page: Page, source: string): Promise<Finding[]> {
  // Evaluated rather than added as a <script>: the app's CSP (script-src 'self') refuses inline scripts, rightly.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const { axe } = globalThis as unknown as AxeGlobal;
    const { violations } = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id,
      impact,
      help,
      helpUrl,
      targets: nodes.map((node) => ({
        target: node.target.join(' '),
        why: [...node.any, ...node.all].map((check) => check.message).join('; '),
      })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('accessibility: axe-core over each screen and dialog, in both themes', () => {
  let app: AppInBrowser;
  let page: Page;
  let axeSource: string;

  beforeAll(async () => {
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
    ({ app, page } = await openTourApp(SUBJECT, { width: 1280, height: 720 }));
  }, 60_000);

  afterAll(() => app?.close());

  /** The text of the element a field's aria-activedescendant names; null without one. */
  function activeDescendant(field: Locator): Promise<string | null> {
    return field.evaluate((input) => {
      const id = input.getAttribute('aria-activedescendant');
      return id === null ? null : (document.getElementById(id)?.textContent?.trim() ?? `nothing (${id})`);
    });
  }

  // v-active-descendant drops only a dangling id: a highlighted option stays named to a screen reader.
  it('names the highlighted option of a select and of a suggestion field, and no option while none is', async () => {
    const { volumes, dialogs } = pagesOf(page);
    await volumes.openCreate();
    const create = dialogs.operation('create');
    const account = create.getByRole('combobox', { name: 'Account' });
    await account.focus();
    expect(await activeDescendant(account)).toBeNull();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => activeDescendant(account)).toBe('Local sandbox');
    await page.keyboard.press('Escape');

    const image = create.getByLabel('Image id');
    await image.focus();
    await page.locator('.id-suggestions [role="option"]').first().waitFor();
    expect(await activeDescendant(image)).toBeNull();
    await page.keyboard.press('ArrowDown');
    const first = await page
      .locator('.id-suggestions [role="option"]')
      .first()
      .evaluate((option) => option.textContent?.trim());
    await expect.poll(() => activeDescendant(image)).toBe(first);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await dialogs.waitClosed(create);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`finds nothing serious or critical in the ${theme} theme`, async () => {
      await new AppPage(page).setTheme(theme);
      const report: string[] = [];
      const seen = new Set<string>();
      for (const stop of tourOf(page, SUBJECT)) {
        await stop.open();
        // What a user reads once the screen is up, not a tooltip of the button that opened it fading out.
        await restMouseAndFocus(page);
        for (const finding of await scan(page, axeSource)) {
          for (const { target, why } of finding.targets) {
            const key = `${finding.id} ${target}`;
            if (seen.has(key)) continue; // the same element behind the next dialog
            seen.add(key);
            report.push(
              `${theme} ${stop.name}: [${finding.impact}] ${finding.id} at ${target} — ${finding.help}: ${why} (${finding.helpUrl})`,
            );
          }
        }
        await stop.close();
      }
      if (report.length > 0) console.log(report.join('\n'));
      expect(report).toEqual([]);
    }, 180_000);
  }
});
