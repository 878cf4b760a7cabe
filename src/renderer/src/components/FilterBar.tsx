/** Search, filters and sort for the inbox; all applied in memory over the loaded summaries. */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SortKey, TriState } from '../store/inbox-model';
import { workspacesOf } from '../store/inbox-model';
import { useAppStore } from './context';
import { developerLabel } from './format';

const tri = (
  label: string,
  yes: string,
  no: string,
  value: TriState,
  set: (v: TriState) => void,
  id: string,
) => (
  <label className="filter" htmlFor={id}>
    <span>{label}</span>
    <select id={id} value={value} onChange={(e) => set(e.target.value as TriState)}>
      <option value="any">Any</option>
      <option value="yes">{yes}</option>
      <option value="no">{no}</option>
    </select>
  </label>
);

/** A labelled select over `options`. */
const choice = (
  label: string,
  id: string,
  value: string,
  options: readonly { value: string; label: string }[],
  set: (v: string) => void,
) => (
  <label className="filter" htmlFor={id}>
    <span>{label}</span>
    <select id={id} value={value} onChange={(e) => set(e.target.value)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  </label>
);

/** A labelled checkbox; `title` says more on hover. */
const check = (label: string, checked: boolean, set: (on: boolean) => void, title?: string) => (
  <label className="filter check" title={title}>
    <input type="checkbox" checked={checked} onChange={(e) => set(e.target.checked)} />
    {label}
  </label>
);

const SORTS: readonly { value: SortKey; label: string }[] = [
  { value: 'age', label: 'Oldest first' },
  { value: 'workspace', label: 'Workspace' },
  { value: 'risk', label: 'Highest risk' },
];

/** The filter row above the list. */
export const FilterBar = () => {
  const { filters, setFilters, resetFilters, byId, searchFocus, overdueAfterDays } = useAppStore(
    useShallow((s) => ({
      overdueAfterDays: s.settings.overdueAfterDays,
      filters: s.filters,
      setFilters: s.setFilters,
      resetFilters: s.resetFilters,
      byId: s.byId,
      searchFocus: s.searchFocus,
    })),
  );
  const workspaces = useMemo(() => workspacesOf(byId), [byId]);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (searchFocus > 0) search.current?.focus();
  }, [searchFocus]);

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape' || event.key === 'Enter') {
      event.preventDefault();
      if (event.key === 'Escape' && filters.query) setFilters({ query: '' });
      document.querySelector<HTMLElement>('[role=listbox][aria-label=Requests]')?.focus();
    }
  };

  return (
    <div className="filter-bar" role="search" aria-label="Filter requests">
      <input
        ref={search}
        id="search"
        type="search"
        placeholder="Search apps, requesters, scopes  ( / )"
        aria-label="Search requests"
        value={filters.query}
        onChange={(e) => setFilters({ query: e.target.value })}
        onKeyDown={onSearchKey}
      />
      {choice(
        'Workspace',
        'f-team',
        filters.teamId ?? '',
        [{ value: '', label: 'All' }, ...workspaces.map((w) => ({ value: w.id, label: w.name }))],
        (v) => setFilters({ teamId: v || null }),
      )}
      {choice(
        'Developer',
        'f-dev',
        filters.developerType ?? '',
        [
          { value: '', label: 'All' },
          ...['internal', 'third_party', 'slack'].map((t) => ({ value: t, label: developerLabel(t) })),
        ],
        (v) => setFilters({ developerType: v || null }),
      )}
      {check('Sensitive scopes', filters.sensitiveOnly, (on) => setFilters({ sensitiveOnly: on }))}
      {check('New scopes', filters.newScopesOnly, (on) => setFilters({ newScopesOnly: on }))}
      {check(
        'Overdue',
        filters.overdueOnly,
        (on) => setFilters({ overdueOnly: on }),
        `Waiting more than ${overdueAfterDays} days`,
      )}
      {tri(
        'Directory',
        'Approved',
        'Not approved',
        filters.directoryApproved,
        (v) => setFilters({ directoryApproved: v }),
        'f-dir',
      )}
      {tri('Queued', 'Queued', 'Not queued', filters.queued, (v) => setFilters({ queued: v }), 'f-queued')}
      {choice('Sort', 'f-sort', filters.sort, SORTS, (v) => setFilters({ sort: v as SortKey }))}
      <button type="button" className="link" onClick={resetFilters}>
        Reset
      </button>
    </div>
  );
};
