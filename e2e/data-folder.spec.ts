/**
 * One owner per data folder, with real browser host processes: a second host on the same folder
 * refuses on one line and exits non-zero while the first drains its queue; after the first is
 * SIGKILLed (no chance to release anything) a new host takes the folder at once. Slack (the
 * simulator) sees every decision exactly once.
 */
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDemoOrg, DEMO_REQUEST_COUNT } from '../src/simulator';
import { invoke, simGet, startSimulatorProcess, until, type RunningSimulator } from './processes';
import { startWebHostProcess, type RunningWebHost } from './web-host';

type Summary = { id: string; appId: string; teamId: string; level: 'workspace' | 'org' };
type Call = { method: string; ok: boolean; error?: string; params: Record<string, string> };

/** Starts a host that is expected to refuse; resolves with its exit code and what it printed. */
const refusedHost = (dataDir: string, env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['out/main/web.js', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });

test('a second host on the same data folder refuses; after a SIGKILL the folder is free again', async () => {
  test.setTimeout(120_000);
  const sim: RunningSimulator = await startSimulatorProcess(['--rate-scale', '30']);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'admit-folder-'));
  const env = { SLACK_API_URL: sim.apiUrl, ADMIT_RATE_SCALE: '30' };
  let first: RunningWebHost | undefined;
  let next: RunningWebHost | undefined;
  try {
    first = await startWebHostProcess(env, dataDir);
    await invoke(first, 'session:connectToken', { token: sim.token });
    const items = await until(
      async () => {
        const page = await invoke<{ total: number; items: Summary[] }>(first!, 'inbox:list', {
          offset: 0,
          limit: 1000,
        });
        return page.total === DEMO_REQUEST_COUNT ? page.items : undefined;
      },
      30_000,
      'the first sync',
    );
    // One workspace request per app and workspace, of apps Slack lets a workspace decide.
    const certified = new Set(createDemoOrg().apps.flatMap((a) => (a.certified ? [a.app.id] : [])));
    const seen = new Set<string>();
    const chosen = items
      .filter((r) => r.level === 'workspace' && !certified.has(r.appId))
      .filter((r) => !seen.has(`${r.appId}@${r.teamId}`) && seen.add(`${r.appId}@${r.teamId}`))
      .slice(0, 20);
    expect(chosen).toHaveLength(20);
    await invoke(
      first,
      'actions:enqueueMany',
      chosen.map((r) => ({ kind: 'approve', requestId: r.id, appId: r.appId, target: { teamId: r.teamId } })),
    );

    // While the first drains its queue, a second host on the same folder says so and leaves.
    const refused = await refusedHost(dataDir, env);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `Admit is already running with this data folder (pid ${first.child.pid}, address ${new URL(first.url).origin}): ${dataDir}\n`,
    );

    // A crash leaves the lock behind in no file: the OS released it with the process.
    await first.kill();
    next = await startWebHostProcess(env, dataDir);
    await invoke(next, 'session:connectToken', { token: sim.token });
    // A crash is not damage: the restarted host has nothing to report about its data.
    expect((await invoke<{ problems: string[] }>(next, 'session:get')).problems).toEqual([]);

    const approves = await until(
      async () => {
        const { calls } = await simGet<{ calls: Call[] }>(sim, '/_sim/calls?method=admin.apps.approve');
        const applied = new Set(calls.filter((c) => c.ok).map((c) => c.params['request_id']));
        return chosen.every((r) => applied.has(r.id)) ? calls : undefined;
      },
      60_000,
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
        `never sent twice: ${r.id}`,
      ).toHaveLength(0);
    }
    // The audit log holds each decision once: queued once, done once (not doubled by a second drain).
    await until(
      async () => {
        const view = await invoke<{ actions: { state: string }[] }>(next!, 'actions:list');
        return view.actions.every((a) => a.state === 'done') ? true : undefined;
      },
      30_000,
      'the queue to empty',
    );
    const audit = JSON.parse(
      (await invoke<{ content: string }>(next, 'audit:export', { format: 'json' })).content,
    ) as { actionId: string; event: string }[];
    const events = (event: string) => audit.filter((e) => e.event === event).map((e) => e.actionId);
    expect(events('enqueued')).toHaveLength(20);
    expect(new Set(events('enqueued')).size).toBe(20);
    expect(events('done').sort()).toEqual(events('enqueued').sort());
  } finally {
    await first?.kill();
    await next?.stop();
    await sim.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
