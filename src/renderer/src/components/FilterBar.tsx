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
      <label className="filter" htmlFor="f-team">
        <span>Workspace</span>
        <select
          id="f-team"
          value={filters.teamId ?? ''}
          onChange={(e) => setFilters({ teamId: e.target.value || null })}
        >
          <option value="">All</option>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label className="filter" htmlFor="f-dev">
        <span>Developer</span>
        <select
          id="f-dev"
          value={filters.developerType ?? ''}
          onChange={(e) => setFilters({ developerType: e.target.value || null })}
        >
          <option value="">All</option>
          {['internal', 'third_party', 'slack'].map((t) => (
            <option key={t} value={t}>
              {developerLabel(t)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter check">
        <input
          type="checkbox"
          checked={filters.sensitiveOnly}
          onChange={(e) => setFilters({ sensitiveOnly: e.target.checked })}
        />
        Sensitive scopes
      </label>
      <label className="filter check">
        <input
          type="checkbox"
          checked={filters.newScopesOnly}
          onChange={(e) => setFilters({ newScopesOnly: e.target.checked })}
        />
        New scopes
      </label>
      <label className="filter check" title={`Waiting more than ${overdueAfterDays} days`}>
        <input
          type="checkbox"
          checked={filters.overdueOnly}
          onChange={(e) => setFilters({ overdueOnly: e.target.checked })}
        />
        Overdue
      </label>
      {tri(
        'Directory',
        'Approved',
        'Not approved',
        filters.directoryApproved,
        (v) => setFilters({ directoryApproved: v }),
        'f-dir',
      )}
      {tri('Queued', 'Queued', 'Not queued', filters.queued, (v) => setFilters({ queued: v }), 'f-queued')}
      <label className="filter" htmlFor="f-sort">
        <span>Sort</span>
        <select
          id="f-sort"
          value={filters.sort}
          onChange={(e) => setFilters({ sort: e.target.value as SortKey })}
        >
          <option value="age">Oldest first</option>
          <option value="workspace">Workspace</option>
          <option value="risk">Highest risk</option>
        </select>
      </label>
      <button type="button" className="link" onClick={resetFilters}>
        Reset
      </button>
    </div>
  );
};
