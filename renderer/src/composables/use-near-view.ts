/**
 * Whether an element has come near its scrolling view, for content too costly to draw everywhere
 * at once (the Overview's charts: 3 per account, ~10 ms each). Once near, it stays true.
 */
import { inject, onBeforeUnmount, ref, watch, type InjectionKey, type Ref } from 'vue';

/** The element the view scrolls in, provided by the view so that its children can watch their distance to it. */
export const SCROLL_ROOT: InjectionKey<Ref<HTMLElement | undefined>> = Symbol('scroll root');

/**
 * True at once for an element already inside the window when it appears (so nothing in view is
 * drawn a frame late), else once it scrolls within half a view's height of the visible part.
 */
export function useNearView(target: Ref<HTMLElement | undefined>): Ref<boolean> {
  const near = ref(false);
  const root = inject(SCROLL_ROOT, undefined);
  let observer: IntersectionObserver | null = null;
  const stop = () => {
    observer?.disconnect();
    observer = null;
  };
  watch(
    target,
    (element) => {
      stop();
      if (!element || near.value) return;
      // One layout read, which the first paint needs anyway.
      if (element.getBoundingClientRect().top < window.innerHeight) {
        near.value = true;
        return;
      }
      observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((entry) => entry.isIntersecting)) return;
          near.value = true;
          stop();
        },
        { root: root?.value ?? null, rootMargin: '50% 0px' },
      );
      observer.observe(element);
    },
    { flush: 'post', immediate: true },
  );
  onBeforeUnmount(stop);
  return near;
}
