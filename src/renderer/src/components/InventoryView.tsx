/**
 * The Approved and Restricted views: a virtualized listbox of every app resolved at a workspace or
 * the whole org (from main's cache), search and a workspace filter, and the active app's details
 * with Clear resolution, Restrict and Uninstall.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { Scope } from '../../../shared/models';
import type { InventoryFreshness, InventoryItem, InventoryStatus } from '../../../shared/view-types';
import { isSafeLink } from '../store/links';
import { activeItem } from '../store/inventory-slice';
import { AppIcon } from './AppIcon';
import { useAppStore, useController } from './context';
import { formatSince } from './format';
import { KeyButton } from './KeyButton';
import { QueuePanel } from './QueuePanel';
import { useNow } from './use-now';
import { panelId, tabId } from './ViewTabs';

const ROW_HEIGHT = 56;

const titles: Record<InventoryStatus, string> = { approved: 'Approved apps', restricted: 'Restricted apps' };
const verbs: Record<InventoryStatus, string> = { approved: 'Approved', restricted: 'Restricted' };

/** Stable DOM id of an inventory row, for aria-activedescendant. */
const optionId = (key: string): string => `inventory-${key.replace(/[^\w-]/g, '-')}`;

/** "12 March 2024", or that Slack did not say. */
const resolvedOn = (seconds: number): string =>
  seconds > 0
    ? new Date(seconds * 1000).toLocaleDateString(undefined, { dateStyle: 'long' })
    : 'date unknown';

/** The row's visible texts in reading order; its accessible name is these same words. */
const pieces = (i: InventoryItem) => ({
  app: i.appName,
  where: i.targetName,
  scopes: `${i.scopeCount} scopes`,
  by: i.resolvedBy ? `by ${i.resolvedBy}` : 'by unknown',
  when: `${verbs[i.status]} ${resolvedOn(i.dateUpdated)}`,
});

type RowProps = {
  item: InventoryItem;
  active: boolean;
  posinset: number;
  setsize: number;
  top: number;
  onPick: (key: string) => void;
};

/** One resolved app as one line. */
const InventoryRow = memo(({ item, active, posinset, setsize, top, onPick }: RowProps) => {
  const text = pieces(item);
  return (
    <div
      id={optionId(item.key)}
      role="option"
      aria-selected={active}
      aria-setsize={setsize}
      aria-posinset={posinset}
      aria-label={Object.values(text).join(', ')}
      data-inventory-key={item.key}
      className={`row inventory-row${active ? ' active' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={() => onPick(item.key)}
    >
      <span className="pick-mark" aria-hidden="true" />
      <AppIcon name={item.appName} url={item.appIconUrl} />
      <span className="cell app">
        <span className="app-name">{text.app}</span> <span className="meta">{text.where}</span>
      </span>{' '}
      <span className="cell scopes">{text.scopes}</span> <span className="cell meta">{text.by}</span>{' '}
      <span className="cell meta">{text.when}</span>
    </div>
  );
});
InventoryRow.displayName = 'InventoryRow';

/** Search and the workspace filter of one inventory. */
const InventoryFilters = ({ status }: { status: InventoryStatus }) => {
  const list = useAppStore((s) => s.inventories[status]);
  const searchFocus = useAppStore((s) => s.searchFocus);
  const controller = useController();
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (searchFocus > 0) search.current?.focus();
  }, [searchFocus]);
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Escape' && event.key !== 'Enter') return;
    event.preventDefault();
    if (event.key === 'Escape' && list.query) controller.inventory.setQuery('');
    document.querySelector<HTMLElement>(`[role=listbox][aria-label="${titles[status]}"]`)?.focus();
  };
  return (
    <div className="filter-bar" role="search" aria-label={`Filter ${titles[status].toLowerCase()}`}>
      <input
        ref={search}
        type="search"
        placeholder="Search apps, workspaces, scopes  ( / )"
        aria-label={`Search ${titles[status].toLowerCase()}`}
        value={list.query}
        maxLength={200}
        onChange={(e) => controller.inventory.setQuery(e.target.value)}
        onKeyDown={onSearchKey}
      />
      <label className="filter" htmlFor={`inventory-place-${status}`}>
        <span>Workspace</span>
        <select
          id={`inventory-place-${status}`}
          value={list.target ?? ''}
          onChange={(e) => controller.inventory.setTarget(e.target.value || null)}
        >
          <option value="">All</option>
          {list.places.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <Freshness freshness={list.freshness} />
    </div>
  );
};

/** "Lists read 12 min ago" (or still being read, or not read everywhere): these lists are not live. */
export const freshnessText = (f: InventoryFreshness | null, nowMs: number): string => {
  if (!f) return '';
  if (f.reading && f.oldestReadAt === null) return 'Reading the lists from Slack…';
  const parts: string[] = [];
  parts.push(
    f.oldestReadAt === null ? 'Not read from Slack yet' : `Lists read ${formatSince(f.oldestReadAt, nowMs)}`,
  );
  if (f.unread > 0 && f.oldestReadAt !== null) parts.push(`${f.unread} of ${f.places} places not read yet`);
  else if (f.incomplete > 0) parts.push(`${f.incomplete} of ${f.places} places could not be read in full`);
  if (f.reading) parts.push('reading again…');
  return parts.join(' · ');
};

const Freshness = ({ freshness }: { freshness: InventoryFreshness | null }) => {
  const now = useNow(30_000);
  const text = freshnessText(freshness, now);
  if (!text) return null;
  const exact =
    freshness?.oldestReadAt != null
      ? `Oldest list read ${new Date(freshness.oldestReadAt).toLocaleString()}`
      : undefined;
  return (
    <span className="freshness meta" role="status" title={exact}>
      {text}
    </span>
  );
};

/** The scopes of one token type as a table. */
const ScopeTable = ({ title, scopes }: { title: string; scopes: Scope[] }) =>
  scopes.length === 0 ? null : (
    <table className="scope-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Scope</th>
          <th scope="col">Sensitive</th>
          <th scope="col">What it allows</th>
        </tr>
      </thead>
      <tbody>
        {scopes.map((s) => (
          <tr key={`${s.token_type}:${s.name}`}>
            <th scope="row">
              <code>{s.name}</code>
            </th>
            <td>{s.is_sensitive ? 'Sensitive' : 'No'}</td>
            <td>{s.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

/** The decisions on an inventory's active app: clear resolution, restrict (an approved one), uninstall. */
const InventoryActions = ({ status }: { status: InventoryStatus }) => {
  const controller = useController();
  return (
    <div className="action-bar" role="group" aria-label="Decision">
      <div className="buttons">
        <KeyButton keys="Shift+C" shown="⇧C" onClick={() => void controller.decide('clearResolution')}>
          Clear resolution
        </KeyButton>
        {status === 'approved' && (
          <KeyButton keys="r" shown="r" onClick={() => void controller.decide('restrict')}>
            Restrict
          </KeyButton>
        )}
        <KeyButton keys="Shift+U" shown="⇧U" className="danger" onClick={controller.askUninstall}>
          Uninstall
        </KeyButton>
      </div>
    </div>
  );
};

/** The active app: where and by whom it was resolved, its links, its scopes, and what can be done. */
const InventoryDetail = ({ status }: { status: InventoryStatus }) => {
  const item = useAppStore((s) => activeItem(s.inventories[status]));
  const controller = useController();
  const title = status === 'approved' ? 'Approved app details' : 'Restricted app details';
  return (
    <section className="detail" aria-labelledby="inventory-detail-title">
      <header className="detail-header">
        <h2 id="inventory-detail-title">{title}</h2>
      </header>
      {!item ? (
        <p className="empty">No app selected.</p>
      ) : (
        <div className="detail-body">
          <div className="app-head">
            <AppIcon name={item.appName} url={item.appIconUrl} size={40} />
            <h3 className="app-title">{item.appName}</h3>
          </div>
          <dl className="facts">
            <dt>Where</dt>
            <dd>{item.level === 'org' ? 'Whole org (every workspace)' : item.targetName}</dd>
            <dt>{verbs[status]} by</dt>
            <dd>{item.resolvedBy ?? 'Slack did not say'}</dd>
            <dt>When</dt>
            <dd>{resolvedOn(item.dateUpdated)}</dd>
            <dt>Scopes</dt>
            <dd>{item.scopeCount}</dd>
            {item.certified && (
              <>
                <dt>Certified</dt>
                <dd>Listed by Slack as a certified app</dd>
              </>
            )}
          </dl>
          {item.links.some((l) => isSafeLink(l.url)) && (
            <ul className="links" aria-label="App links">
              {item.links
                .filter((l) => isSafeLink(l.url))
                .map((l) => (
                  <li key={l.url}>
                    <button type="button" className="link" onClick={() => controller.askOpenLink(l.url)}>
                      {l.label} ↗
                    </button>
                  </li>
                ))}
            </ul>
          )}
          <InventoryActions status={status} />
          <ScopeTable title="Bot token scopes" scopes={item.scopes.filter((s) => s.token_type === 'bot')} />
          <ScopeTable title="User token scopes" scopes={item.scopes.filter((s) => s.token_type === 'user')} />
        </div>
      )}
    </section>
  );
};

/** One inventory's panel: filters, list, details and the action queue. */
export const InventoryView = ({ status }: { status: InventoryStatus }) => {
  const list = useAppStore((s) => s.inventories[status]);
  const controller = useController();
  const scrollRef = useRef<HTMLDivElement>(null);
  const items = list.items;
  const activeIndex = items.findIndex((i) => i.key === list.activeKey);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.key ?? index,
  });
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);
  const filtered = Boolean(list.query.trim() || list.target);
  const title = titles[status];
  const headingId = `inventory-title-${status}`;
  return (
    <div className="view-panel" role="tabpanel" id={panelId(status)} aria-labelledby={tabId(status)}>
      <InventoryFilters status={status} />
      <div className="triage with-detail">
        <section className="inbox" aria-labelledby={headingId}>
          <header className="inbox-header">
            <h2 id={headingId}>{title}</h2>
            <span className="count" role="status">
              {!list.loaded
                ? 'Loading…'
                : filtered
                  ? `${list.total} ${list.total === 1 ? 'app matches' : 'apps match'}`
                  : `${list.total} ${verbs[status].toLowerCase()}`}
            </span>
          </header>
          <div
            ref={scrollRef}
            className="list"
            role="listbox"
            aria-label={title}
            tabIndex={0}
            aria-activedescendant={list.activeKey && activeIndex >= 0 ? optionId(list.activeKey) : undefined}
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((v) => {
                const item = items[v.index];
                return item ? (
                  <InventoryRow
                    key={item.key}
                    item={item}
                    active={item.key === list.activeKey}
                    posinset={v.index + 1}
                    setsize={items.length}
                    top={v.start}
                    onPick={controller.inventory.setActive}
                  />
                ) : null;
              })}
            </div>
            {items.length === 0 && list.loaded && (
              <p className="empty">
                {filtered ? 'No app matches these filters.' : `No ${verbs[status].toLowerCase()} apps.`}
              </p>
            )}
          </div>
        </section>
        <InventoryDetail status={status} />
        <QueuePanel />
      </div>
    </div>
  );
};
