/**
 * Scenario 5, in-process: the time `ActionQueue.enqueue` takes to commit one decision to the org's
 * SQLite store (WAL, synchronous=FULL) before returning, with 10,000 cached requests and 1,000
 * queued actions. Bundled by bench/scenarios/store.mjs into out/bench/ and run as its own process;
 * prints one JSON line of samples.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { targetId, type ActionInput } from '../src/shared/actions';
import type { AppRequest } from '../src/shared/models';
import { ActionQueue } from '../src/main/queue/action-queue';
import { toAppRequest, WireRequestSchema } from '../src/main/slack/wire';
import { openOrgStore } from '../src/main/store/org-store';
import { generateOrg } from '../src/simulator/generate-org';

const REQUESTS = 10_000;
const PREFILL = 1_000;
const SAMPLES = 300;

const approvalOf = (r: AppRequest): ActionInput => ({
  kind: 'approve',
  requestId: r.id,
  appId: r.app.id,
  target: r.target,
  appName: r.app.name,
  targetName: r.targetName,
});

const main = (): void => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'admit-bench-store-'));
  try {
    const { store } = openOrgStore(dir);
    const org = generateOrg({ requests: REQUESTS, workspaces: 20, seed: 5 });
    // Slack's wire shape, mapped as the client maps it (a null team is a whole-org request).
    const requests = org.requests.map((w) => {
      const wire = WireRequestSchema.parse(w);
      return toAppRequest(wire, wire.team ? { teamId: wire.team.id } : { enterpriseId: org.enterprise.id });
    });
    const byTarget = new Map<string, AppRequest[]>();
    for (const r of requests) {
      const id = targetId(r.target);
      byTarget.set(id, [...(byTarget.get(id) ?? []), r]);
    }
    for (const [target, list] of byTarget) store.replaceTarget(target, { requests: list });

    // Never started: nothing is sent, so the queue only grows, as it does offline.
    const queue = new ActionQueue({
      storage: store.queueStorage,
      send: () => new Promise(() => undefined),
      verify: async () => ({ status: 'not_applied' }),
      actor: () => ({ id: 'W0BENCH', name: 'Bench' }),
    });
    for (let i = 0; i < PREFILL; i++) queue.enqueue(approvalOf(requests[i]!));

    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const input = approvalOf(requests[PREFILL + i]!);
      const started = performance.now();
      queue.enqueue(input);
      samples.push(performance.now() - started);
    }
    const counts = store.counts();
    store.close();
    process.stdout.write(
      `${JSON.stringify({ samples, requests: counts.requests, queued: PREFILL + SAMPLES })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main();
