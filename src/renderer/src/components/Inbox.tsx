/** The "Requests" listbox: virtualized, fixed-height rows, keyboard first. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { useAppStore } from './context';
import { RequestRow, rowId } from './RequestRow';
import { useNow } from './use-now';

const ROW_HEIGHT = 52;

/** The inbox list with its count. */
export const Inbox = () => {
  const total = useAppStore((s) => s.total);
  const rows = useAppStore((s) => s.rows);
  const activeIndex = useAppStore((s) => s.activeIndex);
  const setActive = useAppStore((s) => s.setActive);
  const scrollRef = useRef<HTMLDivElement>(null);
  const nowSeconds = Math.floor(useNow(60_000) / 1000);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  useEffect(() => {
    if (total > 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, total, virtualizer]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const page = Math.max(
        1,
        Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1,
      );
      const moves: Record<string, number> = {
        j: activeIndex + 1,
        ArrowDown: activeIndex + 1,
        k: activeIndex - 1,
        ArrowUp: activeIndex - 1,
        PageDown: activeIndex + page,
        PageUp: activeIndex - page,
        Home: 0,
        End: total - 1,
      };
      const next = moves[event.key];
      if (next === undefined) return;
      event.preventDefault();
      setActive(next);
    },
    [activeIndex, setActive, total],
  );

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <header className="inbox-header">
        <h2 id="inbox-title">Requests</h2>
        <span className="count" aria-live="polite">
          {total} pending
        </span>
      </header>
      <div
        ref={scrollRef}
        className="list"
        role="listbox"
        aria-label="Requests"
        tabIndex={0}
        aria-activedescendant={total > 0 ? rowId(activeIndex) : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <RequestRow
              key={item.key}
              index={item.index}
              total={total}
              request={rows[item.index]}
              selected={item.index === activeIndex}
              nowSeconds={nowSeconds}
              top={item.start}
              height={ROW_HEIGHT}
              onPick={setActive}
            />
          ))}
        </div>
        {total === 0 && <p className="empty">No pending requests. Nice.</p>}
      </div>
    </section>
  );
};
