import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import type { SlackAdminClient } from '../slack';
import { createRateLimiter } from '../slack/rate-limiter';
import { openOrgStore, type OrgStore } from '../store/org-store';
import { makeResolved } from '../store/test-support/fixtures';
import { createInventoryRefresher, INVENTORY_FRESH_MS, INVENTORY_INTERVAL_MS } from './inventory-refresh';

const dirs: string[] = [];
const stores: OrgStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const setup = (teams = 2) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-invref-'));
  dirs.push(dir);
  const { store } = openOrgStore(dir);
  stores.push(store);
  store.replaceTeams(
    Array.from({ length: teams }, (_, i) => ({
      id: `T${String(i + 1).padStart(3, '0')}`,
      name: `WS ${i + 1}`,
    })),
  );
  let t = 1_000_000;
  const reads: string[] = [];
  /** While set, every approved.list read waits for it (a read under way). */
  const gate: { wait: Promise<void> | null } = { wait: null };
  const events: string[][] = [];
  const where = (a: { team_id?: string; enterprise_id?: string }): string =>
    a.team_id ?? a.enterprise_id ?? '?';
  const client = {
    // One page of each list (the client reports each page it read).
    listApproved: async (target: { team_id?: string; enterprise_id?: string }, onPage?: () => void) => {
      reads.push(`approved@${where(target)}`);
      await gate.wait;
      onPage?.();
      return { items: [makeResolved('A00001')], skipped: [] };
    },
    listRestricted: async (target: { team_id?: string; enterprise_id?: string }, onPage?: () => void) => {
      reads.push(`restricted@${where(target)}`);
      onPage?.();
      return { items: [], skipped: [] };
    },
  } as unknown as SlackAdminClient;
  const refresher = createInventoryRefresher({
    client,
    store,
    enterpriseId: 'E001',
    limiter: createRateLimiter({ now: () => t }),
    emit: (event, payload) => {
      if (event === 'inventory:changed') events.push((payload as { targets: string[] }).targets);
    },
    log: silentLogger,
    now: () => t,
  });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5 && refresher.freshness().reading; i++) await new Promise((r) => setTimeout(r, 5));
  };
  return { refresher, reads, events, store, settle, gate, advance: (ms: number) => (t += ms) };
};

describe('when the approved and restricted lists are read', () => {
  it('after the first inbox sync, then only once the hourly cadence is due', async () => {
    const { refresher, reads, events, settle, advance } = setup();
    expect(refresher.freshness()).toMatchObject({ oldestReadAt: null, unread: 3, places: 3 });
    refresher.onInboxSynced();
    await settle();
    expect(reads).toHaveLength(6); // 3 places × 2 lists
    expect(events).toEqual([['E001', 'T001', 'T002']]);
    expect(refresher.freshness()).toMatchObject({ oldestReadAt: 1_000_000, unread: 0, reading: false });

    advance(INVENTORY_INTERVAL_MS - 1);
    refresher.onInboxSynced();
    await settle();
    expect(reads).toHaveLength(6);
    advance(1);
    refresher.onInboxSynced();
    await settle();
    expect(reads).toHaveLength(12);
  });

  it('when a view opens on lists older than a few minutes, and not before', async () => {
    const { refresher, reads, settle, advance } = setup();
    refresher.onViewOpened();
    await settle();
    expect(reads).toHaveLength(6);
    advance(INVENTORY_FRESH_MS - 1);
    refresher.onViewOpened();
    await settle();
    expect(reads).toHaveLength(6);
    advance(1);
    refresher.onViewOpened();
    await settle();
    expect(reads).toHaveLength(12);
  });

  it('in a large org, not again on a view opened before a read’s budget interval has passed', async () => {
    // 100 workspaces and the org: 101 calls of each list a read, 10.1 minutes at half of Tier 2.
    const { refresher, reads, settle, advance } = setup(100);
    refresher.onViewOpened();
    for (let i = 0; i < 20 && reads.length < 202; i++) await settle();
    expect(reads).toHaveLength(202);
    advance(6 * 60_000); // older than 5 minutes, but within the budget interval
    refresher.onViewOpened();
    await settle();
    expect(reads).toHaveLength(202);
    advance(4.2 * 60_000);
    refresher.onViewOpened();
    await settle();
    expect(reads.length).toBeGreaterThan(202);
  });

  it('after actions, a place being read is read once more when that read ends, however many landed', async () => {
    const { refresher, reads, gate, settle } = setup();
    let open: () => void = () => undefined;
    gate.wait = new Promise((resolve) => (open = resolve));
    const first = refresher.afterActions([{ teamId: 'T001' }]);
    // Three more decisions on that workspace finish while its lists are being read.
    for (let i = 0; i < 3; i++) await refresher.afterActions([{ teamId: 'T001' }]);
    expect(reads.filter((r) => r === 'approved@T001')).toHaveLength(1);
    gate.wait = null;
    open();
    await first;
    for (let i = 0; i < 5; i++) await settle();
    expect(reads.filter((r) => r === 'approved@T001')).toHaveLength(2);
  });

  it('for a request’s details: its workspace’s and the org’s lists only, when not fresh', async () => {
    const { refresher, reads, settle, advance } = setup();
    refresher.forDetail([{ teamId: 'T002' }, { enterpriseId: 'E001' }]);
    await settle();
    expect(reads.sort()).toEqual(['approved@E001', 'approved@T002', 'restricted@E001', 'restricted@T002']);
    refresher.forDetail([{ teamId: 'T002' }, { enterpriseId: 'E001' }]);
    await settle();
    expect(reads).toHaveLength(4);
    advance(INVENTORY_FRESH_MS);
    // An org-level request names the org twice: it is read once.
    refresher.forDetail([{ enterpriseId: 'E001' }, { enterpriseId: 'E001' }]);
    await settle();
    expect(reads).toHaveLength(6);
  });
});
