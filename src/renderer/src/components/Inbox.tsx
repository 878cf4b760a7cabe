/** The "Requests" listbox: virtualized, fixed-height rows, driven by the global keyboard handler. */
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { selectVisibleIds } from '../store/visible';
import { useAppStore, useController } from './context';
import { InboxDone } from './InboxDone';
import { RequestRow, rowId } from './RequestRow';
import { useNow } from './use-now';

const ROW_HEIGHT = 56;
const rowHeight = (): number => ROW_HEIGHT;

/**
 * Keeps the active row in view without reading layout inside the key's handler (React runs this
 * effect synchronously after a keypress): a row already in view, by the virtualizer's cached offset
 * and size, needs nothing; otherwise scroll just before the next frame is drawn, so the selection and
 * the scroll still appear together.
 */
const useActiveRowInView = (virtualizer: Virtualizer<HTMLDivElement, Element>, activeIndex: number): void => {
  useEffect(() => {
    if (activeIndex < 0) return;
    const top = activeIndex * ROW_HEIGHT;
    const offset = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    if (height > 0 && top >= offset && top + ROW_HEIGHT <= offset + height) return;
    const frame = requestAnimationFrame(() => virtualizer.scrollToIndex(activeIndex, { align: 'auto' }));
    return () => cancelAnimationFrame(frame);
  }, [activeIndex, virtualizer]);
};

/**
 * The listbox element itself, which follows the active row (aria-activedescendant, scrolling it into
 * view). It is the only part of the inbox that re-renders when the selection moves: the rows come in
 * as `children` from the last render of the inbox, so React keeps them, and only the two rows whose
 * own selection changed render again.
 */
const ListBox = ({
  ids,
  virtualizer,
  scrollRef,
  children,
}: {
  ids: readonly string[];
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  scrollRef: RefObject<HTMLDivElement | null>;
  children: ReactNode;
}) => {
  const activeId = useAppStore((s) => s.activeId);
  const activeIndex = activeId ? ids.indexOf(activeId) : -1;
  useActiveRowInView(virtualizer, activeIndex);
  return (
    <div
      ref={scrollRef}
      className="list"
      role="listbox"
      aria-label="Requests"
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={activeId && activeIndex >= 0 ? rowId(activeId) : undefined}
    >
      {children}
    </div>
  );
};

/** The inbox list with how many requests match. */
export const Inbox = () => {
  const ids = useAppStore(selectVisibleIds);
  const total = useAppStore((s) => s.order.length);
  const loaded = useAppStore((s) => s.loaded);
  const pickedCount = useAppStore((s) => s.picked.size);
  const controller = useController();
  const scrollRef = useRef<HTMLDivElement>(null);
  const nowSeconds = Math.floor(useNow(60_000) / 1000);

  // The virtualizer re-measures every row whenever getItemKey changes: keep it the same function
  // until the list itself changes, or each keypress re-measures all 10,000 rows.
  const getItemKey = useCallback((index: number) => ids[index] ?? index, [ids]);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowHeight,
    overscan: 8,
    getItemKey,
  });

  const onPick = useCallback(
    (id: string, event: MouseEvent) =>
      controller.clickRow(id, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }),
    [controller],
  );

  const filtered = ids.length !== total;
  if (loaded && total === 0) {
    return (
      <section className="inbox" aria-labelledby="inbox-title">
        <header className="inbox-header">
          <h2 id="inbox-title">Requests</h2>
          <span className="count" role="status">
            0 pending
          </span>
        </header>
        <InboxDone />
      </section>
    );
  }
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <header className="inbox-header">
        <h2 id="inbox-title">Requests</h2>
        <span className="count" role="status">
          {filtered ? `${ids.length} of ${total} match` : `${total} pending`}
          {!loaded && total > 0 ? ' (loading…)' : ''}
        </span>
        {pickedCount > 0 && <span className="picked">{pickedCount} selected</span>}
      </header>
      <ListBox ids={ids} virtualizer={virtualizer} scrollRef={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const id = ids[item.index];
            return id ? (
              <RequestRow
                key={id}
                id={id}
                posinset={item.index + 1}
                setsize={ids.length}
                nowSeconds={nowSeconds}
                top={item.start}
                height={ROW_HEIGHT}
                onPick={onPick}
              />
            ) : null;
          })}
        </div>
        {ids.length === 0 && loaded && <p className="empty">No request matches these filters.</p>}
      </ListBox>
    </section>
  );
};
