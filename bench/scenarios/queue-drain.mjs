/**
 * Scenario 2: 100 approvals queued while Slack is unreachable, then connectivity returns and the
 * queue drains against the simulator enforcing Tier 2 (20 calls per window) at a scaled window.
 * "Unreachable" is a relay that refuses connections (see network-switch.mjs).
 */
import { round } from '../lib/stats.mjs';
import { startNetworkSwitch } from '../lib/network-switch.mjs';
import {
  certifiedApps,
  signInAndSync,
  startHost,
  startSimulator,
  until,
  withResources,
} from '../lib/processes.mjs';

const APPROVALS = 100;
const RATE_SCALE = 60; // one-second windows: Tier 2 allows 20 approvals per second
const TIER2_PER_WINDOW = 20;
const WINDOW_MS = 60_000 / RATE_SCALE;
const METHOD = 'admin.apps.approve';

export const runQueueDrain = async () =>
  withResources(async (use) => {
    const sim = use(
      await startSimulator({ requests: 2000, workspaces: 20, 'rate-scale': RATE_SCALE, seed: 11 }),
    );
    const network = use(await startNetworkSwitch(sim.apiUrl));
    const host = use(
      await startHost({ ...sim, apiUrl: network.apiUrl }, { ADMIT_RATE_SCALE: String(RATE_SCALE) }),
    );
    await signInAndSync(host, sim);
    const page = await host.invoke('inbox:list', { offset: 0, limit: 1000 });
    // One approval per app and workspace: a second one would find its request already resolved.
    const seen = new Set();
    // Workspace requests of uncertified apps: a whole-org approval closes requests everywhere, and
    // Slack decides certified apps only for the whole org.
    const certified = await certifiedApps(sim);
    const picked = page.items.filter(
      (r) =>
        r.level === 'workspace' &&
        !certified.has(r.appId) &&
        !seen.has(`${r.appId}@${r.teamId}`) &&
        seen.add(`${r.appId}@${r.teamId}`),
    );
    if (picked.length < APPROVALS) throw new Error(`only ${picked.length} distinct app/workspace pairs`);
    const actions = picked.slice(0, APPROVALS).map((r) => ({
      kind: 'approve',
      requestId: r.id,
      appId: r.appId,
      target: { teamId: r.teamId },
      appName: r.appName,
      targetName: r.teamName,
    }));

    await network.unplug();
    await host.invoke('actions:enqueueMany', actions);
    // Let the queue find Slack unreachable, as it would on a plane.
    await until(
      async () => ((await host.invoke('connection:get')).state === 'offline' ? true : undefined),
      30_000,
      'Admit to notice it is offline',
    );
    await network.plugIn();
    const reconnectedAt = Date.now();

    await until(
      async () => {
        const queue = await host.invoke('actions:list');
        return queue.actions.every((a) => a.state === 'done') ? true : undefined;
      },
      60_000,
      'the queue to drain',
      50,
    );
    const calls = (await sim.calls(METHOD)).filter((c) => c.at >= reconnectedAt);
    const accepted = calls.filter((c) => c.ok);
    const limited = calls.filter((c) => c.status === 429).length;
    const first = calls[0].at;
    if (accepted.length !== APPROVALS)
      throw new Error(`${accepted.length} of ${APPROVALS} approvals accepted`);
    const last = accepted.at(-1).at;
    const drainMs = last - first;
    // Tier 2 at this scale allows N calls per window; 100 calls need 100/20 windows.
    const minimumMs = (APPROVALS / TIER2_PER_WINDOW) * WINDOW_MS;
    const ratio = drainMs / minimumMs;
    const windows = Math.ceil(drainMs / WINDOW_MS);
    return {
      details: {
        approvals: APPROVALS,
        rateScale: RATE_SCALE,
        windowMs: WINDOW_MS,
        reconnectToFirstCallMs: first - reconnectedAt,
        drainMs,
        minimumMs,
        responses429: limited,
        callsAfterReconnect: calls.length,
      },
      rows: [
        {
          scenario: '2 Queue drain, Tier 2',
          metric: `${APPROVALS} approvals: first → last accepted`,
          admit: `${round(drainMs / 1000)} s`,
          baseline: `${round(minimumMs / 1000)} s tier minimum; target ≤ 1.1×`,
          ratio: round(ratio),
          pass: ratio <= 1.1,
        },
        {
          scenario: '2 Queue drain, Tier 2',
          metric: 'HTTP 429 responses',
          admit: String(limited),
          baseline: `≤ 1 per window (${windows} windows)`,
          ratio: null,
          pass: limited <= windows,
        },
        {
          scenario: '2 Queue drain, Tier 2',
          metric: 'reconnect → first approve sent',
          admit: `${round((first - reconnectedAt) / 1000)} s`,
          baseline: 'informational (connectivity probe backoff)',
          ratio: null,
          pass: null,
        },
      ],
    };
  });
