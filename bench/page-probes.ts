/**
 * Page code for the window bench, as strings (the page's code, not this process's), shared by the
 * app and the bare anchor page: both carry the same test ids on their search box, count and rows.
 * Each step's value is the time from the user's act to the first frame painted after the page
 * shows its result: a frame callback runs just before its frame is painted, and a timeout set
 * there fires once it is.
 */

/** The app: stamps each volume listing as it arrives on the host's socket (before the app parses it) and the first frame with every row counted. */
export function appLoadProbe(expected: { listings: number; total: number }): string {
  return `(() => {
    const probe = { listings: 0, lastListingAt: 0, paintedAt: 0 };
    window.__probe = probe;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        this.addEventListener('message', (event) => {
          const text = String(event.data);
          if (text.includes('"asOf"') && text.includes('"volumeStatus"')) {
            probe.listings++;
            probe.lastListingAt = performance.now();
          }
        });
      }
    };
    const watch = () => {
      // The app writes its counts with thousands separators ("100,000 of 100,000").
      const count = (document.querySelector('[data-testid=volume-count]')?.textContent ?? '').replaceAll(',', '');
      if (probe.listings >= ${expected.listings} && count.includes('${expected.total} of ${expected.total}') && document.querySelector('[data-testid=volume-row]')) {
        setTimeout(() => (probe.paintedAt = performance.now()));
        return;
      }
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  })();`;
}

/** Runs `act`, then resolves with the time until `state()` differs from before and that frame is painted. */
function step(act: string, state: string): string {
  return `new Promise((done, fail) => {
    const state = ${state};
    const before = state();
    const start = performance.now();
    (${act})();
    const check = () => {
      if (state() !== before) setTimeout(() => done(performance.now() - start));
      else if (performance.now() - start > 60000) fail(new Error('nothing changed a minute after: ' + ${JSON.stringify(act)}));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`;
}

const COUNT = `() => document.querySelector('[data-testid=volume-count]').textContent`;
const FIRST_ROW = `() => document.querySelector('[data-testid=volume-row]')?.getAttribute('data-key')`;

/** Types a keyword into the search box (or clears it). */
export function filterStep(keyword: string): string {
  return step(
    `() => { const input = document.querySelector('[data-testid=volume-search]'); input.value = ${JSON.stringify(keyword)}; input.dispatchEvent(new Event('input', { bubbles: true })); }`,
    COUNT,
  );
}

/** Clicks a column's header (the app's header is a cell holding a button; the bare page's is the button). */
export function sortStep(column: string): string {
  return step(
    `() => { const cell = document.querySelector('[data-column=${column}]'); (cell.querySelector('button') ?? cell).click(); }`,
    FIRST_ROW,
  );
}

/** Clicks the header's select-all checkbox; done when the first row shows selected. */
export function selectAllStep(checkbox: string): string {
  return step(
    `() => document.querySelector(${JSON.stringify(checkbox)}).click()`,
    `() => document.querySelector('[data-testid=volume-row]')?.getAttribute('aria-selected')`,
  );
}

/**
 * Scrolls the table to the middle of its rows (or back to the top) by setting the scroll position of
 * el-table-v2's grid window (the body's first child; a wheel event from the probe does not move it),
 * the same way on both pages. Done when the first row drawn is another one.
 */
export function scrollStep(to: 'middle' | 'top'): string {
  return step(
    `() => { const grid = document.querySelector('.el-table-v2__body > div'); grid.scrollTop = ${to === 'middle' ? 'grid.scrollHeight / 2 - grid.clientHeight / 2' : '0'}; }`,
    FIRST_ROW,
  );
}

/**
 * The app only: switches to the Overview; done when every account's count is painted and so is
 * every chart in the window (charts further down draw as they scroll near).
 */
export function overviewStep(accounts: number): string {
  return step(
    `() => [...document.querySelectorAll('[data-testid=view-switcher] label, [data-testid=view-switcher] .el-segmented__item')].find((e) => e.textContent.trim() === 'Overview').click()`,
    `() => document.querySelectorAll('[data-testid=overview-count]').length === ${accounts} &&
      [...document.querySelectorAll('.overview-account .chart')].every((chart) => chart.getBoundingClientRect().top >= innerHeight || chart.querySelector('canvas'))`,
  );
}
