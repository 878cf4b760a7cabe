/** The tabs between the pending requests, the two inventories and the rules (also `g r`, `g a`, `g x`, `g u`). */
import { useRef, type KeyboardEvent } from 'react';
import type { View } from '../store/inventory-slice';
import { useAppStore, useController } from './context';

const tabs: { view: View; label: string }[] = [
  { view: 'requests', label: 'Requests' },
  { view: 'approved', label: 'Approved' },
  { view: 'restricted', label: 'Restricted' },
  { view: 'rules', label: 'Rules' },
];

/** The DOM ids a tab and its panel share, for aria-controls and aria-labelledby. */
export const tabId = (view: View): string => `tab-${view}`;
export const panelId = (view: View): string => `panel-${view}`;

/** The tab list; arrow keys move between tabs as the ARIA tabs pattern says. */
export const ViewTabs = () => {
  const view = useAppStore((s) => s.view);
  const controller = useController();
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    event.preventDefault();
    const at = tabs.findIndex((t) => t.view === view);
    const next = tabs[(at + step + tabs.length) % tabs.length];
    if (!next) return;
    controller.showView(next.view);
    list.current?.querySelector<HTMLElement>(`#${tabId(next.view)}`)?.focus();
  };
  return (
    <div ref={list} className="view-tabs" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.view}
          type="button"
          role="tab"
          id={tabId(t.view)}
          aria-selected={view === t.view}
          aria-controls={view === t.view ? panelId(t.view) : undefined}
          tabIndex={view === t.view ? 0 : -1}
          onClick={() => controller.showView(t.view)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
};
