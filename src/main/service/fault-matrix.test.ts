/**
 * The fault matrix: each of Slack's failure modes injected into the simulator while the queue
 * drains. Every case must end in the right state with nothing lost and nothing applied twice.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueView, RequestSummary } from '../../shared/view-types';
import { startHarness, type Harness } from './test-support/service-harness';

let h: Harness;
afterEach(() => h?.close());

const call = <T>(channel: string, input?: unknown): Promise<T> => h.call<T>(channel, input);

/** n requests with distinct app and workspace, so one approval never closes another's request. */
const distinct = async (n: number): Promise<RequestSummary[]> => {
  const page = await call<{ items: RequestSummary[] }>('inbox:list', { offset: 0, limit: 1000 });
  const seen = new Set<string>();
  // Workspace requests only: a whole-org decision closes the app's requests everywhere. Certified
  // apps are left out too: Slack decides those only for the whole org (org_resolution_required).
  return page.items
    .filter((r) => r.level === 'workspace' && !h.sim.state.isCertified(r.appId))
    .filter((r) => !seen.has(`${r.appId}@${r.teamId}`) && seen.add(`${r.appId}@${r.teamId}`))
    .slice(0, n);
};

const approveAll = (items: RequestSummary[]): Promise<unknown> =>
  call(
    'actions:enqueueMany',
    items.map((r) => ({
      kind: 'approve',
      requestId: r.id,
      appId: r.appId,
      target: r.level === 'org' ? { enterpriseId: r.teamId } : { teamId: r.teamId },
    })),
  );

/** Waits until no action is pending or sending, then returns the queue. */
const settled = async (timeout = 20_000): Promise<QueueView> => {
  let view: QueueView | undefined;
  await vi.waitFor(
    async () => {
      view = await call<QueueView>('actions:list');
      expect(view.actions.filter((a) => a.state === 'pending' || a.state === 'sending')).toEqual([]);
    },
    { timeout, interval: 50 },
  );
  return view!;
};

const approveCalls = (requestId: string) =>
  h.sim.state.calls.filter((c) => c.method === 'admin.apps.approve' && c.params['request_id'] === requestId);

/** Every request approved in Slack, by exactly one successful call and never resent after it took effect. */
const expectAppliedOnce = (items: RequestSummary[]): void => {
  for (const r of items) {
    expect(h.sim.state.closed.get(r.id)?.outcome, r.id).toBe('approved');
    expect(
      approveCalls(r.id).filter((c) => c.ok || c.error === 'fatal_error'),
      r.id,
    ).toHaveLength(1);
    expect(
      approveCalls(r.id).filter((c) => c.error === 'request_already_resolved'),
      r.id,
    ).toHaveLength(0);
  }
};

describe('fault matrix', () => {
  it('429 with Retry-After: pauses the method for Retry-After instead of storming, then finishes', async () => {
    // Admit paces as if Slack allowed 10x more than it does, so Slack's window overflows.
    h = await startHarness({ rateScale: 60, limiterScale: 600 });
    await h.signIn();
    const items = await distinct(30);
    await approveAll(items);
    const view = await settled(30_000);
    expect(view.actions.every((a) => a.state === 'done')).toBe(true);
    expectAppliedOnce(items);
    const limited = h.sim.state.calls.filter((c) => c.method === 'admin.apps.approve' && c.status === 429);
    expect(limited.length).toBeGreaterThan(0); // the fault really happened
    // After each 429 the method waits out Retry-After: at most one 429 per in-flight slot per window.
    const windows = new Set(limited.map((c) => Math.floor(c.at / 1000))).size;
    expect(limited.length).toBeLessThanOrEqual(windows * 4);
  });

  it('HTTP 503: retried with backoff until Slack answers', async () => {
    h = await startHarness();
    await h.signIn();
    const items = await distinct(3);
    h.sim.faults.set({ http503: 2 });
    await approveAll(items);
    await settled();
    expectAppliedOnce(items);
  });

  it('connection refused: actions wait, then go out once Slack is reachable', async () => {
    h = await startHarness();
    await h.signIn();
    const items = await distinct(3);
    h.sim.faults.set({ offline: true });
    await approveAll(items);
    await h.waitFor('connection:changed', (c) => c.state === 'offline');
    h.sim.faults.clear();
    h.service.hint(true);
    await settled();
    expectAppliedOnce(items);
  });

  it('timeout: the slow call took effect, so it is confirmed by reading Slack, never sent again', async () => {
    h = await startHarness({ slackTimeoutMs: 300 });
    await h.signIn();
    const [r] = await distinct(1);
    h.sim.faults.set({ slowMs: 800 });
    await approveAll([r!]);
    await vi.waitFor(() => expect(approveCalls(r!.id)).toHaveLength(1), { timeout: 5_000 });
    h.sim.faults.clear();
    const view = await settled();
    expect(view.actions.map((a) => a.state)).toEqual(['done']);
    expectAppliedOnce([r!]);
  });

  it('malformed JSON: the answer is unreadable, the outcome is checked in Slack, applied exactly once', async () => {
    h = await startHarness();
    await h.signIn();
    const items = await distinct(2);
    h.sim.faults.set({ malformedJson: 1 });
    await approveAll(items);
    await settled();
    for (const r of items) expect(h.sim.state.closed.get(r.id)?.outcome).toBe('approved');
  });

  it('token revoked mid-drain: the queue pauses for sign-in, loses nothing, and resumes after it', async () => {
    h = await startHarness({ rateScale: 20 });
    await h.signIn();
    const items = await distinct(6);
    await approveAll(items);
    await vi.waitFor(() => expect(h.sim.state.closed.size).toBeGreaterThan(0), { timeout: 5_000 });
    h.sim.faults.set({ tokenRevoked: true });
    await vi.waitFor(async () => {
      const view = await call<QueueView>('actions:list');
      expect(view.status.state).toBe('paused');
    });
    const paused = await call<QueueView>('actions:list');
    expect(paused.status.label).toMatch(/sign in/);
    const unsent = paused.actions.filter((a) => a.state !== 'done');
    expect(unsent.length).toBeGreaterThan(0);
    h.sim.faults.clear();
    await h.signIn(h.sim.state.issueToken()); // the admin signs in again
    await settled();
    expectAppliedOnce(items);
  });

  it('fatal_error after the change applied: verified as done, not retried', async () => {
    h = await startHarness();
    await h.signIn();
    const [r] = await distinct(1);
    h.sim.faults.set({ fatalErrorAfterApply: 1 });
    await approveAll([r!]);
    const view = await settled();
    expect(view.actions.map((a) => a.state)).toEqual(['done']);
    expectAppliedOnce([r!]);
  });

  it('request_already_resolved the same way elsewhere: done, since Slack already shows the decision', async () => {
    h = await startHarness();
    await h.signIn();
    const [r] = await distinct(1);
    h.sim.state.resolve(r!.appId, r!.teamId, 'approved', [], 'W0OTHERADM1');
    await approveAll([r!]);
    const view = await settled();
    expect(view.actions.map((a) => a.state)).toEqual(['done']);
  });

  it('an unknown Slack error code: needs attention with the raw code shown, others unaffected', async () => {
    h = await startHarness();
    await h.signIn();
    const items = await distinct(3);
    h.sim.faults.set({ errorFor: { 'admin.apps.approve': { error: 'brand_new_error', count: 1 } } });
    await approveAll(items);
    const view = await settled();
    const stuck = view.actions.filter((a) => a.state === 'needs_attention');
    expect(stuck).toHaveLength(1);
    expect(stuck[0]?.reason).toContain('brand_new_error');
    expect(view.actions.filter((a) => a.state === 'done')).toHaveLength(2);
  });
});
