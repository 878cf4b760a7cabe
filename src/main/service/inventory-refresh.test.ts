import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import type { SlackAdminClient } from '../slack';
import { createRateLimiter } from '../slack/rate-limiter';
import { openOrgStore, type OrgStore } from '../store/org-store';
import { makeResolved } from '../store/test-fixtures';
import { createInventoryRefresher, INVENTORY_FRESH_MS, INVENTORY_INTERVAL_MS } from './inventory-refresh';

const dirs: string[] = [];
const stores: OrgStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const setup = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-invref-'));
  dirs.push(dir);
  const { store } = openOrgStore(dir);
  stores.push(store);
  store.replaceTeams([
    { id: 'T001', name: 'One' },
    { id: 'T002', name: 'Two' },
  ]);
  let t = 1_000_000;
  const reads: string[] = [];
  const events: string[][] = [];
  const where = (a: { team_id?: string; enterprise_id?: string }): string =>
    a.team_id ?? a.enterprise_id ?? '?';
  const client = {
    listApproved: async (target: { team_id?: string; enterprise_id?: string }) => {
      reads.push(`approved@${where(target)}`);
      return { items: [makeResolved('A00001')], skipped: [] };
    },
    listRestricted: async (target: { team_id?: string; enterprise_id?: string }) => {
      reads.push(`restricted@${where(target)}`);
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
  return { refresher, reads, events, store, settle, advance: (ms: number) => (t += ms) };
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
