import { describe, expect, it } from 'vitest';
import type { ActionView, RequestSummary } from '../../../shared/view-types';
import { actionView, summary } from '../test-support/fixtures';
import {
  applyInboxDelta,
  createVisibleSelector,
  defaultFilters,
  filterAndSort,
  type Filters,
} from './inbox-model';

const N = 10_000;
const rows = Array.from({ length: N }, (_, i) => summary(i));
const byId = new Map(rows.map((r) => [r.id, r]));
const order = rows.map((r) => r.id);
const none = new Map<string, ActionView>();
const run = (patch: Partial<Filters>, actions: ReadonlyMap<string, ActionView> = none) =>
  filterAndSort(order, byId, { ...defaultFilters, ...patch }, actions);

describe('filtering, search and sort over 10,000 summaries', () => {
  it('keeps everything, oldest first, with no filter', () => {
    expect(run({})).toEqual(order);
  });

  it('filters by workspace, developer type, sensitive, new scopes and directory status', () => {
    expect(run({ teamId: 'T2' })).toHaveLength((N / 3) | 0);
    expect(run({ developerType: 'internal' })).toHaveLength(N / 2);
    expect(run({ sensitiveOnly: true })).toHaveLength(N / 4);
    expect(run({ newScopesOnly: true }).every((id) => byId.get(id)!.newScopeCount > 0)).toBe(true);
    expect(run({ directoryApproved: 'yes' })).toHaveLength(N / 5);
    expect(run({ directoryApproved: 'no' })).toHaveLength(N - N / 5);
    expect(run({ teamId: 'T1', sensitiveOnly: true, developerType: 'third_party' })).toHaveLength(
      rows.filter((r, i) => i % 3 === 0 && i % 4 === 0 && i % 2 === 0).length,
    );
  });

  it('filters queued and not queued by the open action of each request', () => {
    const actions = new Map([
      [order[3]!, actionView('q1', { requestId: order[3]! })],
      [order[4]!, actionView('q2', { requestId: order[4]!, state: 'conflict' })],
    ]);
    expect(run({ queued: 'yes' }, actions)).toEqual([order[3]]);
    expect(run({ queued: 'no' }, actions)).toHaveLength(N - 1);
  });

  it('searches app name, requester and scope names, case-insensitively, all terms', () => {
    expect(run({ query: 'app 1234' })).toEqual([order[1234]]);
    expect(run({ query: 'PRIYA' })).toHaveLength(Math.ceil(N / 7));
    expect(run({ query: 'files:read' })).toHaveLength(N / 10);
    expect(run({ query: 'files:read priya' })).toHaveLength(rows.filter((_, i) => i % 70 === 0).length);
    expect(run({ query: 'nothing-like-this' })).toEqual([]);
  });

  it('sorts by workspace and by risk, keeping age order within ties', () => {
    const byTeam = run({ sort: 'workspace' }).map((id) => byId.get(id)!);
    expect(byTeam[0]!.teamName).toBe('Acme HQ');
    expect(byTeam.at(-1)!.teamName).toBe('Sales');
    const byRisk = run({ sort: 'risk' }).map((id) => byId.get(id)!);
    expect(byRisk[0]!.risk).toBe('high');
    expect(byRisk.at(-1)!.risk).toBe('low');
    const high = byRisk.filter((r) => r.risk === 'high');
    expect(high.map((r) => r.createdAt)).toEqual([...high.map((r) => r.createdAt)].sort((a, b) => a - b));
  });

  it('stays instant: a search over 10,000 rows takes well under a frame budget once warmed', () => {
    run({ query: 'warm' });
    const started = performance.now();
    for (const q of ['a', 'ap', 'app', 'app 9', 'app 99', 'chat']) run({ query: q, sensitiveOnly: true });
    expect((performance.now() - started) / 6).toBeLessThan(30);
  });

  it('memoizes: the same inputs give the same array, a new filter object recomputes', () => {
    const select = createVisibleSelector();
    const filters = { ...defaultFilters, teamId: 'T1' };
    const first = select(order, byId, filters, none);
    expect(select(order, byId, filters, none)).toBe(first);
    expect(select(order, byId, { ...filters }, none)).not.toBe(first);
  });
});

describe('applying inbox deltas', () => {
  const base = [summary(1), summary(2), summary(3)];
  const map = new Map(base.map((r) => [r.id, r]));
  const ids = base.map((r) => r.id);

  it('removes by id and updates in place without reordering', () => {
    const changed: RequestSummary = { ...base[1]!, appName: 'Renamed' };
    const next = applyInboxDelta(map, ids, { changed: [changed], removed: [ids[0]!] });
    expect(next.order).toEqual([ids[1], ids[2]]);
    expect(next.byId.get(ids[1]!)?.appName).toBe('Renamed');
    expect(next.byId.has(ids[0]!)).toBe(false);
  });

  it('inserts new rows in age order, ties by id', () => {
    const older = summary(0);
    const tie = summary(9, { createdAt: base[1]!.createdAt, id: 'Ar000002b' });
    const next = applyInboxDelta(map, ids, { changed: [tie, older], removed: [] });
    expect(next.order).toEqual([older.id, ids[0], ids[1], 'Ar000002b', ids[2]]);
  });

  it('keeps the order array when nothing moved', () => {
    const next = applyInboxDelta(map, ids, { changed: [{ ...base[0]! }], removed: [] });
    expect(next.order).toBe(ids);
  });
});
