/**
 * `v-active-descendant` on an el-select, or on an element around an el-autocomplete: the inputs
 * inside keep aria-activedescendant only while it names an element.
 */
import type { Directive } from 'vue';

const ATTRIBUTE = 'aria-activedescendant';
const observers = new WeakMap<HTMLElement, MutationObserver>();

function dropDangling(input: Element): void {
  const id = input.getAttribute(ATTRIBUTE);
  if (id !== null && !document.getElementById(id)) input.removeAttribute(ATTRIBUTE);
}

// Element Plus 2.x points the attribute at "…-item--1" (or "") while no option is highlighted, an
// id naming nothing (axe aria-valid-attr-value, serious); it sets a real one when an option is
// highlighted, which this keeps. Watching the attribute fixes it without forking the components.
export const vActiveDescendant: Directive<HTMLElement> = {
  mounted(root) {
    root.querySelectorAll(`[${ATTRIBUTE}]`).forEach(dropDangling);
    const observer = new MutationObserver((changes) => changes.forEach((change) => dropDangling(change.target as Element)));
    observer.observe(root, { subtree: true, attributeFilter: [ATTRIBUTE] });
    observers.set(root, observer);
  },
  beforeUnmount(root) {
    observers.get(root)?.disconnect();
    observers.delete(root);
  },
};
