/**
 * Scenario 1: a full inbox sync of 10,000 pending requests across 20 workspaces into Admit's store,
 * against a bare @slack/web-api pagination loop that fetches the same pages (admin.teams.list, then
 * admin.apps.requests.list with certified=true at the org and each workspace) and stores nothing.
 * Rate limits are off on both sides, so this measures work, not waiting.
 */
import { WebClient, LogLevel } from '@slack/web-api';
import { median, round } from '../lib/stats.mjs';
import { startHost, startSimulator, withResources } from '../lib/processes.mjs';

const REQUESTS = 10_000;
const WORKSPACES = 20;
const ROUNDS = 5;
// The same reads Admit's inbox sync makes: requests with certified=true (else certified apps'
// requests never show). The approved and restricted lists are read on their own cadence by the
// inventory refresh (inventory-sync.ts), not by this sync, so neither side reads them here.
const LISTS = [['admin.apps.requests.list', 'app_requests', { certified: true }]];

/** The plain alternative: every page the inbox sync reads, with WebClient and a cursor loop, kept in memory. */
const bareSync = async (sim) => {
  const web = new WebClient(sim.token, { slackApiUrl: sim.apiUrl, logLevel: LogLevel.ERROR });
  const started = performance.now();
  let pages = 0;
  const paginate = async (method, key, args) => {
    const items = [];
    let cursor;
    do {
      const res = await web.apiCall(method, { ...args, limit: 1000, cursor });
      pages += 1;
      items.push(...res[key]);
      cursor = res.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return items;
  };
  const auth = await web.apiCall('auth.test');
  const teams = await paginate('admin.teams.list', 'teams', {});
  const targets = [{ enterprise_id: auth.enterprise_id }, ...teams.map((t) => ({ team_id: t.id }))];
  let requests = 0;
  for (const target of targets) {
    for (const [method, key, extra] of LISTS) {
      const items = await paginate(method, key, { ...target, ...extra });
      if (method === 'admin.apps.requests.list') requests += items.length;
    }
  }
  return { ms: performance.now() - started, pages, requests };
};

/** Admit: sign in (which starts the sync), time it by the host's own sync:progress events, sign out. */
const admitSync = async (host, sim) => {
  let syncStart;
  let syncEnd;
  const events = host.events((event, payload, at) => {
    if (event !== 'sync:progress') return;
    if (payload.state === 'syncing' && syncStart === undefined) syncStart = at;
    if (payload.state === 'idle' && syncStart !== undefined) syncEnd ??= at;
  });
  try {
    await events.ready;
    const started = performance.now();
    await host.invoke('session:connectToken', { token: sim.token });
    const status = await host.invoke('inbox:refresh');
    const finished = performance.now();
    if (status.state !== 'idle') throw new Error(`sync ended in state ${status.state}: ${status.error}`);
    const page = await host.invoke('inbox:list', { offset: 0, limit: 1 });
    return {
      ms: (syncEnd ?? finished) - (syncStart ?? started),
      signInToSyncedMs: finished - started,
      pages: status.done,
      requests: page.total,
    };
  } finally {
    events.close();
    // Signing out deletes the org's local data, so the next round syncs into an empty store again.
    await host.invoke('session:signOut', { force: true });
    // Sign-out revokes the token; a simulator reset brings the same org and token back.
    await sim.post('/_sim/reset', {});
  }
};

/** Runs both sides ROUNDS times, alternating, against one simulator with rate limits off. */
export const runSync = async () =>
  withResources(async (use) => {
    const sim = use(
      await startSimulator({ requests: REQUESTS, workspaces: WORKSPACES, 'rate-scale': 0, seed: 7 }),
    );
    // A huge scale makes Admit's pacing intervals negligible (it has no "off" switch, by design).
    const host = use(await startHost(sim, { ADMIT_RATE_SCALE: '1000000' }));
    // Warm-up round on both sides (JIT, SQLite, the simulator's page serialisation), not counted.
    await admitSync(host, sim);
    await bareSync(sim);
    const admit = [];
    const bare = [];
    for (let i = 0; i < ROUNDS; i++) {
      admit.push(await admitSync(host, sim));
      bare.push(await bareSync(sim));
    }
    const a = median(admit.map((r) => r.ms));
    const b = median(bare.map((r) => r.ms));
    const ratio = a / b;
    const last = admit.at(-1);
    if (last.requests !== REQUESTS) throw new Error(`Admit stored ${last.requests} of ${REQUESTS} requests`);
    return {
      details: {
        rounds: ROUNDS,
        admitMs: admit.map((r) => round(r.ms)),
        admitSignInToSyncedMs: admit.map((r) => round(r.signInToSyncedMs)),
        bareMs: bare.map((r) => round(r.ms)),
        admitPages: last.pages,
        barePages: bare.at(-1).pages,
        requests: last.requests,
      },
      rows: [
        {
          scenario: '1 Sync 10k/20 ws',
          metric: `full sync into empty store (median of ${ROUNDS})`,
          admit: `${round(a, 0)} ms`,
          baseline: `${round(b, 0)} ms bare WebClient loop (requests.list only); target ≤ 1.2×`,
          ratio: round(ratio),
          pass: ratio <= 1.2,
        },
      ],
    };
  });
