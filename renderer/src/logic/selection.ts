/**
 * Desktop-style row selection: a click selects one row, Ctrl/Cmd-click toggles one, Shift-click
 * selects the range from the anchor (the last row clicked without Shift) in the visible order.
 */
export interface SelectionState {
  selected: ReadonlySet<string>;
  anchor: string | null;
  /** After select all: the key list it selected all of, so a view can tell "every row shown" without a lookup per row. */
  all?: readonly string[];
}

export interface ClickModifiers {
  shift?: boolean;
  toggle?: boolean;
}

export const EMPTY_SELECTION: SelectionState = { selected: new Set(), anchor: null };

export function clickRow(
  state: SelectionState,
  visible: readonly string[],
  key: string,
  { shift = false, toggle = false }: ClickModifiers = {},
): SelectionState {
  if (shift && state.anchor !== null) {
    const from = visible.indexOf(state.anchor);
    const to = visible.indexOf(key);
    if (from >= 0 && to >= 0) {
      const range = visible.slice(Math.min(from, to), Math.max(from, to) + 1);
      const selected = new Set(toggle ? state.selected : []);
      for (const k of range) selected.add(k);
      return { selected, anchor: state.anchor };
    }
  }
  if (toggle) {
    const selected = new Set(state.selected);
    if (selected.has(key)) selected.delete(key);
    else selected.add(key);
    return { selected, anchor: key };
  }
  return { selected: new Set([key]), anchor: key };
}

/** The checkbox of a row: adds or removes it without touching the others. */
export function toggleRow(state: SelectionState, key: string): SelectionState {
  return clickRow(state, [], key, { toggle: true });
}

export function selectAll(visible: readonly string[]): SelectionState {
  return { selected: new Set(visible), anchor: visible[0] ?? null, all: visible };
}

/** Whether the selection is every key of `visible` (this very list) by a select all. */
export function selectsAllOf(state: SelectionState, visible: readonly string[]): boolean {
  return state.all === visible && state.selected.size === visible.length;
}

/** Drops selected rows that are no longer visible (filtered out, or gone). */
export function keepVisible(state: SelectionState, visible: readonly string[]): SelectionState {
  if (state.selected.size === 0) return state;
  const shown = new Set(visible);
  if ([...state.selected].every((k) => shown.has(k))) return state;
  return {
    selected: new Set([...state.selected].filter((k) => shown.has(k))),
    anchor: state.anchor !== null && shown.has(state.anchor) ? state.anchor : null,
  };
}
