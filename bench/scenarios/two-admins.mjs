/**
 * Scenario: two admins sign in at the same moment with the same Slack app (the same token, two
 * browser hosts with their own data directories), rate limits on at scaled real tiers. The simulator
 * counts budgets per app and org, as Slack does, so the two share every method's window. Measured:
 * the time until both have a complete inbox (against the floor for both hosts' requests.list calls
 * together), and from the simulator's call log the 429s per method per rate window: after the first
 * window that drew one, at most one per window (each host cuts its pace after a 429).
 * The unit-level version of the window check is src/main/service/two-admins.test.ts.
 */
import { round } from '../lib/stats.mjs';
import { startHost, startSimulator, withResources } from '../lib/processes.mjs';
import {
  countByMethod,
  inventoriesRead,
  rateLimitedPerWindow,
  simCalls,
  slackCallsPerMinute,
} from '../lib/sim-calls.mjs';

const WORKSPACES = 60;
const REQUESTS = 1_200;
// Slack's one-minute windows last one second: Tier 2 is 20 calls a second.
const RATE_SCALE = 60;
const WINDOW_MS = 60_000 / RATE_SCALE;
const REQUESTS_LIST = 'admin.apps.requests.list';
const SCENARIO = 'Two admins 60 ws';
// A first sync that ends partial (a 429 it could not wait out) is retried, as an admin would.
const MAX_ATTEMPTS = 3;

/**
 * Watches one host's sync:progress; `run(t0)` signs it in and resolves when its inbox is complete
 * (ms from t0, by the host's own event), retrying a first sync that did not complete.
 */
const watchInbox = async (host, token) => {
  let syncedAt;
  const events = host.events((event, payload, at) => {
    if (event === 'sync:progress' && payload.state === 'idle' && payload.lastSyncedAt !== null)
      syncedAt ??= at;
  });
  await events.ready;
  const run = async (t0) => {
    await host.invoke('session:connectToken', { token });
    let attempts = 0;
    let status;
    do {
      attempts += 1;
      status = await host.invoke('inbox:refresh').catch((error) => ({ state: 'error', error }));
    } while ((status.state !== 'idle' || status.lastSyncedAt === null) && attempts < MAX_ATTEMPTS);
    const done = performance.now();
    if (status.state !== 'idle' || status.lastSyncedAt === null)
      return { ms: Infinity, attempts, error: String(status.error ?? status.state) };
    return { ms: (syncedAt ?? done) - t0, attempts, problems: status.problems };
  };
  return { run, stop: async () => events.close() };
};

export const runTwoAdmins = async () =>
  withResources(async (use) => {
    const sim = use(
      await startSimulator({
        requests: REQUESTS,
        workspaces: WORKSPACES,
        'rate-scale': RATE_SCALE,
        seed: 5,
      }),
    );
    const env = { ADMIT_RATE_SCALE: String(RATE_SCALE) };
    const hosts = [use(await startHost(sim, env)), use(await startHost(sim, env))];
    if (hosts[0].dataDir === hosts[1].dataDir) throw new Error('the two hosts share a data directory');

    const watches = [];
    for (const h of hosts) watches.push(use(await watchInbox(h, sim.token)));
    // Both sign in at the same moment.
    const started = performance.now();
    const results = await Promise.all(watches.map((w) => w.run(started)));
    const bothMs = Math.max(...results.map((r) => r.ms));
    const afterInbox = await simCalls(sim);
    const pending = (await sim.get('/_sim/state')).pending;
    const totals = [];
    for (const h of hosts) totals.push((await h.invoke('inbox:list', { offset: 0, limit: 1 })).total);

    // Then both hosts' background read of the approved and restricted lists.
    await Promise.all(hosts.map((h) => inventoriesRead(h, 180_000)));
    const inventoryMs = performance.now() - started;
    const calls = await simCalls(sim);

    // requests.list calls both first syncs needed (the 429s drew no budget).
    const listCalls = afterInbox.filter((c) => c.method === REQUESTS_LIST && c.status !== 429).length;
    const perWindow = await slackCallsPerMinute(REQUESTS_LIST);
    const floorMs = (listCalls / perWindow) * WINDOW_MS;

    const windows = rateLimitedPerWindow(calls, WINDOW_MS);
    const later = [];
    const firstWindow = {};
    for (const [method, w] of Object.entries(windows)) {
      const first = w.perWindow[0];
      if (!first) continue;
      firstWindow[method] = { index: first.index, limited: first.limited };
      for (const x of w.perWindow.slice(1))
        later.push({
          method,
          window: x.index,
          limited: x.limited,
          calls: x.calls,
          startMs: Math.round(x.start - calls[0].at),
          limitedAt: x.limitedAt,
        });
    }
    const maxLater = later.reduce((m, x) => Math.max(m, x.limited), 0);
    const total429 = calls.filter((c) => c.status === 429).length;
    const by429 = countByMethod(calls, (c) => c.status === 429);
    const complete = results.every((r) => Number.isFinite(r.ms)) && totals.every((t) => t === pending);

    return {
      details: {
        workspaces: WORKSPACES,
        requests: REQUESTS,
        rateScale: RATE_SCALE,
        windowMs: WINDOW_MS,
        hosts: results.map((r, i) => ({
          completeInboxMs: round(r.ms, 0),
          attempts: r.attempts,
          inboxTotal: totals[i],
          ...(r.error ? { error: r.error } : {}),
          ...(r.problems?.length ? { problems: r.problems } : {}),
        })),
        pending,
        bothCompleteMs: round(bothMs, 0),
        floorMs: round(floorMs, 0),
        bothInventoriesReadMs: round(inventoryMs, 0),
        callsUntilBothInboxes: countByMethod(afterInbox),
        calls: countByMethod(calls),
        limitedByMethod: by429,
        firstLimitedWindow: firstWindow,
        laterLimitedWindows: later,
        windowsByMethod: Object.fromEntries(Object.entries(windows).map(([m, w]) => [m, w.windows])),
      },
      rows: [
        {
          scenario: SCENARIO,
          metric: `sign-in → both inboxes complete (${listCalls} requests.list calls together)`,
          admit: complete ? `${round(bothMs / 1000, 2)} s` : 'incomplete',
          baseline: `${round(floorMs / 1000, 2)} s Tier 2 floor for both (informational)`,
          ratio: complete ? round(bothMs / floorMs) : null,
          pass: complete ? null : false,
        },
        {
          scenario: SCENARIO,
          metric: '429s per window after the first, max over methods and windows',
          admit: `${maxLater} (${later.length} later windows with a 429)`,
          baseline: 'target ≤ 1',
          ratio: null,
          pass: maxLater <= 1,
        },
        {
          scenario: SCENARIO,
          metric: 'total 429s, both hosts, until both inventories read (informational)',
          admit: `${total429}`,
          baseline: Object.entries(by429)
            .map(([m, n]) => `${m.replace(/^admin\.(apps\.)?/, '')} ${n}`)
            .join(', '),
          ratio: null,
          pass: null,
        },
        {
          scenario: SCENARIO,
          metric: 'sign-in → both background inventory reads done (informational)',
          admit: `${round(inventoryMs / 1000, 2)} s`,
          baseline: '',
          ratio: null,
          pass: null,
        },
      ],
    };
  });
