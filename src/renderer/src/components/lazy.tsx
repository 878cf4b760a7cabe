/**
 * The views and dialogs an admin opens now and then — the inventories, the Rules view, "approve or
 * restrict an app by ID" and the review of saved decisions — load on demand, so the script the page
 * needs first stays small. Each is fetched the first time it is shown, or earlier once the page is
 * idle (`prefetchLazyViews`), so opening one rarely shows the fallback at all.
 */
import { lazy, Suspense, type ReactNode } from 'react';

const loaders = {
  inventory: () => import('./InventoryView'),
  rules: () => import('./RulesView'),
  preapprove: () => import('./PreapproveDialog'),
  review: () => import('./SavedDecisions'),
};

export const InventoryView = lazy(() => loaders.inventory().then((m) => ({ default: m.InventoryView })));
export const RulesView = lazy(() => loaders.rules().then((m) => ({ default: m.RulesView })));
export const PreapproveDialog = lazy(() =>
  loaders.preapprove().then((m) => ({ default: m.PreapproveDialog })),
);
export const ReviewDialog = lazy(() => loaders.review().then((m) => ({ default: m.ReviewDialog })));

let prefetched = false;

/** Fetches every lazy chunk once the page is idle; a failure is left to the first real use to report. */
export const prefetchLazyViews = (): void => {
  if (prefetched) return;
  prefetched = true;
  const run = (): void => {
    for (const load of Object.values(loaders)) load().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 2_000 });
  else window.setTimeout(run, 200);
};

/** Says what is loading, to everyone: a polite status message while a chunk arrives. */
export const Loading = ({ what }: { what: string }) => (
  <p className="splash" role="status" aria-live="polite">
    Loading {what}…
  </p>
);

/** A tab panel (with the ids its tab points to) that says it is loading. */
export const LoadingPanel = ({ what, id, labelledBy }: { what: string; id: string; labelledBy: string }) => (
  <div className="view-panel" role="tabpanel" id={id} aria-labelledby={labelledBy} aria-busy="true">
    <Loading what={what} />
  </div>
);

/** Shows `children` once their chunk is in, `fallback` until then. */
export const OnDemand = ({ fallback, children }: { fallback: ReactNode; children: ReactNode }) => (
  <Suspense fallback={fallback}>{children}</Suspense>
);
