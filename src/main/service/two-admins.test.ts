/**
 * Two admins signed in with the same Slack app share its budget (the simulator counts per app and
 * org, as Slack does): both reach a complete inbox, and after the first window they draw at most one
 * 429 per method per rate window between them, because each host halves its pace after a 429.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { generateOrg, startSimulator, type Simulator } from '../../simulator';
import type { InboxPage } from '../../shared/view-types';
import { startHarness, type Harness } from './test-support/service-harness';

const RATE_SCALE = 60; // Slack's one-minute windows last one second
const WINDOW_MS = 60_000 / RATE_SCALE;

let sim: Simulator | undefined;
const hosts: Harness[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  await sim?.close();
  sim = undefined;
});

describe('two admins, one Slack app', () => {
  it('both reach a complete inbox and share the budget without a storm of 429s', async () => {
    sim = await startSimulator({
      port: 0,
      rateScale: RATE_SCALE,
      org: generateOrg({ requests: 400, workspaces: 20, seed: 3 }),
    });
    // Each host's lanes climb back at their own pace after a 429 (Math.random in the app; the two ends
    // of its range here, so the run does not depend on luck).
    hosts.push(
      await startHarness({ sim, limiterRandom: () => 0 }),
      await startHarness({ sim, limiterRandom: () => 1 }),
    );
    await Promise.all(hosts.map((h) => h.signIn()));
    for (const h of hosts) {
      const page = await h.call<InboxPage>('inbox:list', { offset: 0, limit: 1 });
      expect(page.total).toBe(sim.state.pending.size);
      const status = await h.call<{ lastSyncedAt: number | null }>('connection:get');
      expect(status.lastSyncedAt).not.toBeNull();
    }
    await Promise.all(hosts.map((h) => h.inventoriesRead(30_000)));

    // 429s per method per rate window, with the windows the simulator keeps (Slack's fixed windows:
    // one starts at the first call after the previous one ended).
    const perWindow = new Map<string, number[]>();
    const windowOf = new Map<string, { start: number; index: number }>();
    for (const c of sim.state.calls) {
      let w = windowOf.get(c.method);
      if (!w || c.at >= w.start + WINDOW_MS) {
        w = { start: c.at, index: (w?.index ?? -1) + 1 };
        windowOf.set(c.method, w);
      }
      if (c.status !== 429) continue;
      const counts = perWindow.get(c.method) ?? [];
      counts[w.index] = (counts[w.index] ?? 0) + 1;
      perWindow.set(c.method, counts);
    }
    const later: [string, number][] = [];
    for (const [method, counts] of perWindow) {
      const first = counts.findIndex((n) => n > 0);
      counts.forEach((n, i) => {
        if (i > first && n > 0) later.push([`${method} window ${i}`, n]);
      });
    }
    for (const [key, n] of later) expect(n, key).toBeLessThanOrEqual(1);
  }, 60_000);
});
