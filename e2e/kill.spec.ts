/**
 * Crash safety, end to end: the browser host is SIGKILLed at random points while it drains 50
 * approvals, and restarted on the same data directory each time. At the end Slack (the simulator)
 * must have applied every approval exactly once: never lost, never sent twice.
 */
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDemoOrg, DEMO_REQUEST_COUNT } from '../src/simulator';
import { invoke, simGet, startSimulatorProcess, until, type RunningSimulator } from './processes';
import { startWebHostProcess, type RunningWebHost } from './web-host';

type Summary = { id: string; appId: string; teamId: string; level: 'workspace' | 'org' };
type Call = { method: string; ok: boolean; error?: string; params: Record<string, string> };

test('50 approvals survive repeated SIGKILLs and reach Slack exactly once each', async () => {
  test.setTimeout(180_000);
  const sim: RunningSimulator = await startSimulatorProcess(['--rate-scale', '30']);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'admit-kill-'));
  const env = { SLACK_API_URL: sim.apiUrl, ADMIT_RATE_SCALE: '30' };
  let host: RunningWebHost | undefined;
  try {
    const boot = async (): Promise<RunningWebHost> => {
      const h = await startWebHostProcess(env, dataDir);
      // The browser host keeps tokens in memory: after each restart the admin signs in again,
      // and the queue picks up from its database.
      await invoke(h, 'session:connectToken', { token: sim.token });
      return h;
    };
    host = await boot();
    const items = await until(
      async () => {
        const page = await invoke<{ total: number; items: Summary[] }>(host!, 'inbox:list', {
          offset: 0,
          limit: 1000,
        });
        return page.total === DEMO_REQUEST_COUNT ? page.items : undefined;
      },
      30_000,
      'the first sync',
    );
    // One request per app and workspace: approving one resolves the app there, closing its siblings.
    // Workspace requests of apps that are not certified (Slack decides certified apps only for the
    // whole org, and a whole-org decision would close requests everywhere).
    const certified = new Set(createDemoOrg().apps.flatMap((a) => (a.certified ? [a.app.id] : [])));
    const seen = new Set<string>();
    const chosen = items
      .filter((r) => r.level === 'workspace' && !certified.has(r.appId))
      .filter((r) => !seen.has(`${r.appId}@${r.teamId}`) && seen.add(`${r.appId}@${r.teamId}`))
      .slice(0, 50);
    expect(chosen).toHaveLength(50);
    await invoke(
      host,
      'actions:enqueueMany',
      chosen.map((r) => ({ kind: 'approve', requestId: r.id, appId: r.appId, target: { teamId: r.teamId } })),
    );

    // Kill at random moments while the queue drains (Tier 2 at 30x: one approve every ~100 ms).
    for (let kill = 0; kill < 6; kill++) {
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 450));
      await host.kill();
      host = await boot();
    }

    const approves = await until(
      async () => {
        const { calls } = await simGet<{ calls: Call[] }>(sim, '/_sim/calls?method=admin.apps.approve');
        const applied = new Set(calls.filter((c) => c.ok).map((c) => c.params['request_id']));
        return chosen.every((r) => applied.has(r.id)) ? calls : undefined;
      },
      120_000,
      'every approval to reach Slack',
    );

    for (const r of chosen) {
      const forRequest = approves.filter((c) => c.params['request_id'] === r.id);
      expect(
        forRequest.filter((c) => c.ok),
        `approved once: ${r.id}`,
      ).toHaveLength(1);
      expect(
        forRequest.filter((c) => c.error === 'request_already_resolved'),
        `never resent: ${r.id}`,
      ).toHaveLength(0);
    }
    const state = await simGet<{ closed: { id: string; outcome: string }[] }>(sim, '/_sim/state');
    const outcomes = new Map(state.closed.map((c) => [c.id, c.outcome]));
    for (const r of chosen) expect(outcomes.get(r.id)).toBe('approved');
    // Nothing is left in the queue once Slack has everything.
    await until(
      async () => {
        const view = await invoke<{ actions: { state: string }[] }>(host!, 'actions:list');
        return view.actions.every((a) => a.state === 'done') ? true : undefined;
      },
      30_000,
      'the queue to empty',
    );
  } finally {
    await host?.stop();
    await sim.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
