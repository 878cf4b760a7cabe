/* global window, document, requestAnimationFrame, MutationObserver */
/**
 * Probes installed into the page before the app's own scripts (Playwright init scripts). They
 * rely only on the accessible names the UI promises: listbox "Requests", options with
 * aria-selected, and the polite live region that acknowledges decisions.
 */

/** Records `window.__bench.firstRowAt`: the frame after the first option appears in the listbox. */
export const firstRowProbe = () => {
  const bench = (window.__bench = { firstRowAt: null });
  const observer = new MutationObserver(() => {
    if (document.querySelector('[role=listbox][aria-label=Requests] [role=option]')) {
      observer.disconnect();
      requestAnimationFrame(() => (bench.firstRowAt = performance.now()));
    }
  });
  observer.observe(document, { childList: true, subtree: true });
};

/**
 * Records, for each key in `keys` pressed on the page: the keydown time, when the selection moved
 * (aria-selected) and the next animation frame after it, and when the live region next changed.
 */
export const keyLatencyProbe = () => {
  const samples = [];
  let open = null;
  window.__bench = { samples };
  window.addEventListener(
    'keydown',
    (e) => {
      if (!['j', 'a', 'r', 'c'].includes(e.key)) return;
      const span = document.querySelector('[aria-live=polite]')?.firstElementChild ?? null;
      open = { key: e.key, down: e.timeStamp, selected: null, frame: null, ack: null, span };
      samples.push(open);
    },
    true,
  );
  const selectedNow = () =>
    document
      .querySelector('[role=listbox][aria-label=Requests] [role=option][aria-selected=true]')
      ?.getAttribute('id') ?? null;
  let lastSelected = null;
  new MutationObserver(() => {
    const current = selectedNow();
    if (current !== lastSelected) {
      lastSelected = current;
      const sample = open;
      if (sample && sample.selected === null) {
        sample.selected = performance.now();
        requestAnimationFrame(() => (sample.frame = performance.now()));
      }
    }
    // Each announcement re-mounts the live region's span, so a new span is a new acknowledgement.
    const span = document.querySelector('[aria-live=polite]')?.firstElementChild ?? null;
    if (open && open.ack === null && open.key !== 'j' && span !== open.span) {
      if (span?.textContent?.includes('queued for')) open.ack = performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
};

/** The samples without their DOM references, for returning from the page. */
export const readSamples = () => window.__bench.samples.map(({ span: _span, ...rest }) => rest);
