/**
 * Scenario: does the main process stay responsive during a first sync? The round trip of a trivial
 * channel (`settings:get`) is measured idle, then while a first sync of 10,000 requests across 20
 * workspaces runs into an empty store (rate limits off, so the sync is all work and no waiting).
 * The event stream is open and drained, as the page keeps it, so the host pays for its pushes too.
 * Target: during-sync p99 ≤ 3× idle p99.
 */
import { quantile, round } from '../lib/stats.mjs';
import { startHost, startSimulator, withResources } from '../lib/processes.mjs';

const REQUESTS = 10_000;
const WORKSPACES = 20;
const IDLE_CALLS = 200;
const SPACING_MS = 5;
const TARGET = 3;
const ROUNDS = 8;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One `settings:get` round trip, in ms. */
const roundTrip = async (host) => {
  const started = performance.now();
  await host.invoke('settings:get');
  return performance.now() - started;
};

/** Opens the host's event stream and reads it without parsing (the page's SSE consumer, minus its work). */
const drainEvents = async (host) => {
  const controller = new AbortController();
  const answer = await (
    await fetch(`${host.origin}/api/events/ticket`, { method: 'POST', headers: { 'x-admit-key': host.key } })
  ).json();
  const response = await fetch(`${host.origin}/api/events?ticket=${answer.value.ticket}`, {
    signal: controller.signal,
  });
  const reader = response.body.getReader();
  let bytes = 0;
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        bytes += value.byteLength;
      }
    } catch {
      // Aborted below.
    }
  })();
  return { bytes: () => bytes, close: () => controller.abort() };
};

const summary = (samples) => ({
  n: samples.length,
  p50: round(quantile(samples, 0.5)),
  p99: round(quantile(samples, 0.99)),
  max: round(Math.max(...samples)),
});

/** Idle round trips, then round trips while sign-in's first sync runs; signs out again afterwards. */
const oneRound = async (host, sim) => {
  const idle = [];
  for (let i = 0; i < IDLE_CALLS; i++) {
    idle.push(await roundTrip(host));
    await sleep(SPACING_MS);
  }
  const during = [];
  let finished = false;
  const started = performance.now();
  const sync = (async () => {
    try {
      await host.invoke('session:connectToken', { token: sim.token });
      // A refresh joins the sync sign-in started and resolves with it.
      return await host.invoke('inbox:refresh');
    } finally {
      finished = true;
    }
  })();
  sync.catch(() => undefined);
  while (!finished) {
    during.push(await roundTrip(host));
    await sleep(SPACING_MS);
  }
  try {
    const status = await sync;
    const syncMs = performance.now() - started;
    if (status.state !== 'idle') throw new Error(`sync ended in state ${status.state}: ${status.error}`);
    const page = await host.invoke('inbox:list', { offset: 0, limit: 1 });
    if (page.total !== REQUESTS) throw new Error(`Admit stored ${page.total} of ${REQUESTS} requests`);
    return { idle, during, syncMs };
  } finally {
    // Signing out deletes the org's local data and revokes the token; a reset brings both back, so
    // the next round is a first sync into an empty store again.
    await host.invoke('session:signOut', { force: true });
    await sim.post('/_sim/reset', {});
  }
};

export const runFirstSyncStall = async () =>
  withResources(async (use) => {
    const sim = use(
      await startSimulator({ requests: REQUESTS, workspaces: WORKSPACES, 'rate-scale': 0, seed: 7 }),
    );
    const host = use(await startHost(sim, { ADMIT_RATE_SCALE: '1000000' }));
    const events = await drainEvents(host);
    use({ stop: async () => events.close() });

    // Warm the channel (JIT, the HTTP keep-alive socket) and run one uncounted round.
    for (let i = 0; i < 20; i++) await roundTrip(host);
    await oneRound(host, sim);
    const rounds = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await oneRound(host, sim));

    const a = summary(rounds.flatMap((r) => r.idle));
    const d = summary(rounds.flatMap((r) => r.during));
    const p99Ratio = d.p99 / a.p99;
    return {
      details: {
        rounds: ROUNDS,
        idle: a,
        during: d,
        duringP99ByRound: rounds.map((r) => round(quantile(r.during, 0.99))),
        syncMs: rounds.map((r) => round(r.syncMs, 0)),
        eventBytes: events.bytes(),
        spacingMs: SPACING_MS,
      },
      rows: [
        {
          scenario: '1b First-sync stall',
          metric: `settings:get p50 during first sync vs idle (${ROUNDS} rounds, n=${d.n})`,
          admit: `${d.p50} ms`,
          baseline: `${a.p50} ms idle; informational`,
          ratio: round(d.p50 / a.p50),
          pass: null,
        },
        {
          scenario: '1b First-sync stall',
          metric: `settings:get p99 during first sync vs idle (${ROUNDS} rounds, n=${d.n})`,
          admit: `${d.p99} ms`,
          baseline: `${a.p99} ms idle; target ≤ ${TARGET}×`,
          ratio: round(p99Ratio),
          pass: p99Ratio <= TARGET,
        },
      ],
    };
  });
