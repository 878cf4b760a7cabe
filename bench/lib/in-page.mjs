/* global window, document, requestAnimationFrame, MutationObserver */
/**
 * Probes installed into the page before the app's own scripts (Playwright init scripts). They
 * rely only on the accessible names the UI promises: listbox "Requests", options with
 * aria-selected, and the polite live region that acknowledges decisions. The probes are sent to the
 * page as source, so they use nothing from this module; the figures below them run in Node.
 */
import { quantile, round } from './stats.mjs';

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
 * Records, for each of j, a, r, c pressed on the page: when its keydown reached the page, when the
 * selection moved in the DOM (aria-selected, seen by a MutationObserver, which runs right after the
 * change is made), whether that change was already there when the first animation frame after the
 * keydown ran (so that frame paints it), and when the live region next announced a queued decision.
 * The listener is a capture listener on window installed before the app's scripts, so it runs first;
 * it takes the time after its own queries, so the probe's work is not counted as the app's. The
 * observers watch only what they report (aria-selected; the live region's text), so recording the
 * page's other mutations does not slow the app's commit either.
 */
export const keyLatencyProbe = () => {
  const samples = [];
  let open = null;
  window.__bench = { samples };
  const selectedNow = () =>
    document
      .querySelector('[role=listbox][aria-label=Requests] [role=option][aria-selected=true]')
      ?.getAttribute('id') ?? null;
  const liveSpan = () => document.querySelector('[aria-live=polite]')?.firstElementChild ?? null;
  window.addEventListener(
    'keydown',
    (e) => {
      if (!['j', 'a', 'r', 'c'].includes(e.key)) return;
      const sample = {
        key: e.key,
        // The event's own timestamp (when the browser took the input) and when it reached the page.
        down: e.timeStamp,
        dispatched: 0,
        before: selectedNow(),
        selected: null,
        frame: null,
        inNextFrame: null,
        ack: null,
        span: liveSpan(),
      };
      open = sample;
      samples.push(sample);
      // rAF callbacks run just before the frame is painted: a change made by now is in that frame.
      requestAnimationFrame(() => {
        sample.frame = performance.now();
        sample.inNextFrame = sample.selected !== null;
      });
      sample.dispatched = performance.now();
    },
    true,
  );
  new MutationObserver(() => {
    // The time first, so the probe's own queries are not counted.
    const at = performance.now();
    if (open && open.selected === null && selectedNow() !== open.before) open.selected = at;
  }).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-selected'],
    childList: true,
  });
  new MutationObserver(() => {
    const at = performance.now();
    // Each announcement re-mounts the live region's span, so a new span is a new acknowledgement.
    if (!open || open.ack !== null || open.key === 'j') return;
    const span = liveSpan();
    if (span !== open.span && span?.textContent?.includes('queued for')) open.ack = at;
  }).observe(document, { subtree: true, childList: true, characterData: true });
};

/**
 * Key → DOM and next-frame figures over samples from `keyLatencyProbe`: milliseconds from the
 * keydown's dispatch to the selection moving in the DOM (p50, p95, max), the same from the event's
 * timestamp (which adds the browser's input queueing), and the share of presses whose change was in
 * the first frame after the keydown.
 */
export const keyToDomStats = (samples) => {
  const toDom = samples.filter((s) => s.selected !== null).map((s) => s.selected - s.dispatched);
  const fromEvent = samples.filter((s) => s.selected !== null).map((s) => s.selected - s.down);
  const inFrame = samples.filter((s) => s.inNextFrame === true).length;
  return {
    presses: samples.length,
    moved: toDom.length,
    keyToDom: {
      p50: round(quantile(toDom, 0.5), 3),
      p95: round(quantile(toDom, 0.95), 3),
      max: round(Math.max(...toDom), 3),
    },
    eventToDom: { p50: round(quantile(fromEvent, 0.5), 3), p95: round(quantile(fromEvent, 0.95), 3) },
    nextFrame: { painted: inFrame, share: samples.length > 0 ? inFrame / samples.length : 0 },
    p95: quantile(toDom, 0.95),
    // A press that never moved the selection counts against both figures.
    allMoved: toDom.length === samples.length,
  };
};

/** The two rows every key-latency scenario reports: key → DOM p95 (≤ 4 ms) and next-frame share (≥ 99%). */
export const keyToDomRows = (scenario, what, stats) => {
  const p95 = stats.allMoved ? stats.p95 : Infinity;
  const share = stats.nextFrame.share;
  return [
    {
      scenario,
      metric: `${what} → selection moved in the DOM, p95 of ${stats.presses}`,
      admit: Number.isFinite(p95) ? `${round(p95, 2)} ms` : `${stats.presses - stats.moved} never moved`,
      baseline: 'target ≤ 4 ms',
      ratio: Number.isFinite(p95) ? round(p95 / 4) : null,
      pass: p95 <= 4,
    },
    {
      scenario,
      metric: `${what} → change painted in the next frame (share of ${stats.presses})`,
      admit: `${round(share * 100, 1)}% (${stats.nextFrame.painted}/${stats.presses})`,
      baseline: 'target ≥ 99%',
      // Below 1 is better, as in every other row: the target over the share reached.
      ratio: share > 0 ? round(0.99 / share) : null,
      pass: share >= 0.99,
    },
  ];
};

/** The samples without their DOM references, for returning from the page. */
export const readSamples = () =>
  window.__bench.samples.map(({ span: _span, before: _before, ...rest }) => rest);
