import { describe, expect, it, vi } from 'vitest';
import { WebAPIHTTPError, WebAPIRequestError } from '@slack/web-api';
import { refreshFailure } from '../auth/token-manager';
import { SlackApiError, toSlackApiError } from '../slack/errors';
import { ActionQueue, type ActionQueueOptions } from './action-queue';
import { planForFailure } from './failure-policy';
import type { Action, ActionInput } from '../../shared/actions';
import { createFakeClock } from '../time/test-support/fake-clock';
import { createMemoryQueueStorage, type MemoryQueueStorage } from './memory-queue-storage';
import type { VerifyResult } from './queue-ports';

const T = { teamId: 'T001' };
const approve = (requestId: string, extra: Partial<ActionInput> = {}): ActionInput =>
  ({
    kind: 'approve',
    requestId,
    appId: 'A001',
    target: T,
    botScopes: ['chat:write'],
    ...extra,
  }) as ActionInput;
const restrict = (requestId: string): ActionInput => ({
  kind: 'restrict',
  requestId,
  appId: 'A001',
  target: T,
});
const slackError = (category: string, code = category, retryAfterMs?: number) =>
  Object.assign(new Error(`${code} happened`), { code, category, retryAfterMs });

type Setup = Partial<ActionQueueOptions> & { storage?: MemoryQueueStorage; start?: boolean };

const setup = (o: Setup = {}) => {
  const time = createFakeClock();
  const storage = o.storage ?? createMemoryQueueStorage();
  const sent: Action[] = [];
  let ids = 0;
  const send = vi.fn(async (a: Action) => {
    sent.push(a);
  });
  const verify = vi.fn(async (): Promise<VerifyResult> => ({ status: 'applied' }));
  const queue = new ActionQueue({
    storage,
    send,
    verify,
    actor: () => ({ id: 'U1', name: 'Ada Admin' }),
    now: time.now,
    timers: time.timers,
    random: () => 1,
    newId: () => `id-${++ids}`,
    ...o,
  });
  if (o.start !== false) queue.start();
  return { queue, storage, time, sent, send: o.send ?? send, verify: o.verify ?? verify };
};

describe('ActionQueue', () => {
  it('enqueueMany commits a whole batch in one write, or nothing at all', () => {
    const storage = createMemoryQueueStorage();
    const commit = vi.spyOn(storage, 'commit');
    const { queue } = setup({ storage, start: false });
    const batch = Array.from({ length: 1000 }, (_, i) => approve(`Ar${i}`));
    expect(queue.enqueueMany(batch)).toHaveLength(1000);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(storage.rows.size).toBe(1000);

    // One bad item: nothing of the batch is written.
    const bad = [approve('ArX1'), { ...approve('ArX2'), appId: '' } as ActionInput];
    expect(() => queue.enqueueMany(bad)).toThrow();
    expect(storage.rows.size).toBe(1000);
    // A failing disk: nothing is acknowledged, nothing is half-written.
    storage.failNextCommit = true;
    expect(() => queue.enqueueMany([approve('ArY1'), approve('ArY2')])).toThrow('disk full');
    expect(storage.rows.size).toBe(1000);
    expect(queue.snapshot().actions).toHaveLength(1000);
  });

  it('within one batch, a later decision on the same request supersedes the earlier one', () => {
    const { queue, storage } = setup({ start: false });
    const [first, second] = queue.enqueueMany([approve('Ar1'), restrict('Ar1')]);
    expect(first?.action.kind).toBe('approve');
    expect(second?.action.kind).toBe('restrict');
    expect([...storage.rows.values()].map((r) => (JSON.parse(r) as { action: Action }).action.kind)).toEqual([
      'restrict',
    ]);
    expect(storage.listAudit().map((e) => e.event)).toEqual(['enqueued', 'superseded', 'enqueued']);
  });

  it('commits an enqueued action to storage before returning, sends it, and records done in the audit log', async () => {
    const { queue, storage, sent } = setup({ start: false });
    const rec = queue.enqueue(approve('Ar1', { note: 'ok, reviewed' }));
    expect(storage.rows.has(rec.id)).toBe(true);
    expect(JSON.parse(storage.rows.get(rec.id) ?? '{}')).toMatchObject({ state: 'pending' });
    queue.start();
    await queue.whenIdle();
    expect(sent.map((a) => a.id)).toEqual([rec.id]);
    expect(storage.rows.size).toBe(0);
    const audit = queue.listAudit();
    expect(audit.map((e) => e.event)).toEqual(['enqueued', 'done']);
    expect(audit[1]).toMatchObject({
      actorName: 'Ada Admin',
      where: 'T001',
      scopes: ['chat:write'],
      note: 'ok, reviewed',
    });
    expect(queue.progress()).toEqual({ total: 1, done: 1, etaMs: 0 });
  });

  it('does not accept the action when the disk write fails', () => {
    const { queue, storage } = setup();
    queue.pause('reauth');
    storage.failNextCommit = true;
    expect(() => queue.enqueue(approve('Ar1'))).toThrow('disk full');
    expect(queue.snapshot().actions).toEqual([]);
  });

  it('treats a repeated enqueue of the same action id as one decision', async () => {
    const { queue, sent } = setup();
    queue.pause('reauth');
    queue.enqueue(approve('Ar1', { id: 'same' }));
    queue.enqueue(approve('Ar1', { id: 'same' }));
    queue.resume();
    await queue.whenIdle();
    expect(sent).toHaveLength(1);
  });

  it('coalesces: a second decision on a pending request replaces the first', async () => {
    const { queue, sent } = setup();
    queue.pause('reauth');
    queue.enqueue(approve('Ar1'));
    queue.enqueue(restrict('Ar1'));
    expect(queue.snapshot().actions.map((a) => a.action.kind)).toEqual(['restrict']);
    queue.resume();
    await queue.whenIdle();
    expect(sent.map((a) => a.kind)).toEqual(['restrict']);
    expect(queue.listAudit().map((e) => `${e.event}:${e.kind}`)).toEqual([
      'enqueued:approve',
      'superseded:approve',
      'enqueued:restrict',
      'done:restrict',
    ]);
  });

  it('coalesces: a decision on a request that is sending waits behind it', async () => {
    let release: () => void = () => {};
    const order: string[] = [];
    const send = vi.fn(async (a: Action) => {
      order.push(`start ${a.kind}`);
      if (a.kind === 'approve') await new Promise<void>((r) => (release = r));
      order.push(`end ${a.kind}`);
    });
    const { queue } = setup({ send });
    queue.enqueue(approve('Ar1'));
    await Promise.resolve();
    await Promise.resolve();
    expect(queue.snapshot().actions[0]?.state).toBe('sending');
    queue.enqueue(restrict('Ar1'));
    expect(queue.snapshot().actions.map((a) => `${a.action.kind}:${a.state}`)).toEqual([
      'approve:sending',
      'restrict:pending',
    ]);
    expect(queue.undo(queue.snapshot().actions[0]?.id ?? '')).toBe(false);
    release();
    await queue.whenIdle();
    expect(order).toEqual(['start approve', 'end approve', 'start restrict', 'end restrict']);
  });

  it('undoes a pending action and records it', async () => {
    const { queue, storage, sent } = setup();
    queue.pause('reauth');
    const rec = queue.enqueue(approve('Ar1'));
    expect(queue.undo(rec.id)).toBe(true);
    expect(storage.rows.size).toBe(0);
    queue.resume();
    await queue.whenIdle();
    expect(sent).toEqual([]);
    expect(queue.listAudit().map((e) => e.event)).toEqual(['enqueued', 'undone']);
  });

  it('drops an action undone while it waited for the rate limiter', async () => {
    let grant: () => void = () => {};
    const acquire = vi.fn(() => new Promise<void>((r) => (grant = r)));
    const { queue, sent } = setup({ acquire });
    const rec = queue.enqueue(approve('Ar1'));
    expect(acquire).toHaveBeenCalledWith('admin.apps.approve');
    expect(queue.undo(rec.id)).toBe(true);
    grant();
    await queue.whenIdle();
    expect(sent).toEqual([]);
  });

  it('runs several keys at once but one action per key', async () => {
    const releases: (() => void)[] = [];
    let inFlight = 0;
    let peak = 0;
    const send = vi.fn(async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise<void>((r) => releases.push(r));
      inFlight--;
    });
    const { queue } = setup({ send, concurrency: 3 });
    for (let i = 0; i < 5; i++) queue.enqueue(approve(`Ar${i}`));
    await Promise.resolve();
    await Promise.resolve();
    expect(send).toHaveBeenCalledTimes(3);
    while (send.mock.calls.length < 5 || inFlight > 0) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await queue.whenIdle();
    expect(peak).toBe(3);
    expect(queue.progress()).toEqual({ total: 5, done: 5, etaMs: 0 });
  });

  it('retries retryable errors no sooner than Retry-After', async () => {
    let fail = true;
    const send = vi.fn(async () => {
      if (fail) {
        fail = false;
        throw slackError('retryable', 'ratelimited', 30_000);
      }
    });
    const { queue, time } = setup({ send, random: () => 0 });
    queue.enqueue(approve('Ar1'));
    await queue.whenIdle();
    const rec = queue.snapshot().actions[0];
    // A 429 is Slack pacing Admit: it waits out Retry-After without using up an attempt.
    expect(rec).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: time.now() + 30_000 });
    time.advance(29_999);
    await queue.whenIdle();
    expect(send).toHaveBeenCalledTimes(1);
    time.advance(1);
    await queue.whenIdle();
    expect(send).toHaveBeenCalledTimes(2);
    expect(queue.snapshot().actions).toEqual([]);
  });

  it('gives up after maxAttempts with needs_attention, and can be retried or discarded', async () => {
    const send = vi.fn(async () => {
      throw slackError('retryable', 'service_unavailable');
    });
    const { queue, time } = setup({ send, maxAttempts: 3 });
    const rec = queue.enqueue(approve('Ar1'));
    for (let i = 0; i < 5; i++) {
      await queue.whenIdle();
      time.advance(10 * 60_000);
    }
    await queue.whenIdle();
    expect(send).toHaveBeenCalledTimes(3);
    expect(queue.snapshot().actions[0]).toMatchObject({ state: 'needs_attention', attempts: 3 });
    expect(queue.snapshot().actions[0]?.outcome).toMatch(/Gave up after 3 attempts/);
    expect(queue.retry(rec.id)).toBe(true);
    await queue.whenIdle();
    expect(send).toHaveBeenCalledTimes(4);
    expect(queue.snapshot().actions[0]).toMatchObject({ state: 'pending', attempts: 1 });
    queue.pause('reauth');
    for (let i = 0; i < 3; i++) time.advance(10 * 60_000);
    queue.resume();
    for (let i = 0; i < 3; i++) {
      await queue.whenIdle();
      time.advance(10 * 60_000);
    }
    expect(queue.snapshot().actions[0]?.state).toBe('needs_attention');
    expect(queue.discard(rec.id)).toBe(true);
    expect(queue.snapshot().actions).toEqual([]);
    expect(queue.listAudit().map((e) => e.event)).toEqual([
      'enqueued',
      'needs_attention',
      'retried',
      'needs_attention',
      'discarded',
    ]);
  });

  it('does not count network failures toward maxAttempts and reports connectivity', async () => {
    let n = 0;
    const send = vi.fn(async () => {
      if (++n <= 5) throw slackError('network', 'fetch_failed');
    });
    const onConnectivity = vi.fn();
    const { queue, time } = setup({ send, maxAttempts: 2, onConnectivity });
    queue.enqueue(approve('Ar1'));
    for (let i = 0; i < 7; i++) {
      await queue.whenIdle();
      time.advance(10 * 60_000);
    }
    expect(send).toHaveBeenCalledTimes(6);
    expect(queue.snapshot().actions).toEqual([]);
    expect(onConnectivity).toHaveBeenCalledWith(false);
    expect(onConnectivity).toHaveBeenLastCalledWith(true);
  });

  it('moves an action older than maxAge to needs_attention instead of sending it', async () => {
    const { queue, time, sent } = setup({ start: false, maxAgeMs: 1000 });
    queue.enqueue(approve('Ar1'));
    time.advance(1000);
    queue.start();
    await queue.whenIdle();
    expect(sent).toEqual([]);
    expect(queue.snapshot().actions[0]?.state).toBe('needs_attention');
  });

  it('pauses the whole queue on reauth and resumes on resume()', async () => {
    let signedIn = false;
    const send = vi.fn(async () => {
      if (!signedIn) throw slackError('reauth', 'token_revoked');
    });
    const { queue } = setup({ send });
    queue.enqueue(approve('Ar1'));
    queue.enqueue(approve('Ar2'));
    await queue.whenIdle();
    expect(queue.status()).toEqual({ state: 'paused', reason: 'reauth', label: 'paused: sign in' });
    expect(queue.snapshot().actions.map((a) => `${a.state}:${a.attempts}`)).toEqual([
      'pending:0',
      'pending:0',
    ]);
    queue.resume();
    signedIn = true;
    await queue.whenIdle();
    await queue.whenIdle();
    expect(queue.snapshot().actions).toEqual([]);
    expect(queue.status()).toEqual({ state: 'running' });
  });

  it('sends permission failures to needs_attention without blocking the rest', async () => {
    const send = vi.fn(async (a: Action) => {
      if (a.kind === 'approve' && a.requestId === 'Ar1') throw slackError('permission', 'not_an_admin');
    });
    const { queue } = setup({ send, concurrency: 1 });
    queue.enqueue(approve('Ar1'));
    queue.enqueue(approve('Ar2'));
    await queue.whenIdle();
    await queue.whenIdle();
    const actions = queue.snapshot().actions;
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ state: 'needs_attention', outcome: 'not_an_admin happened' });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('resolves a conflict error by reading Slack: done when Slack shows the decision', async () => {
    const send = vi.fn(async () => {
      throw slackError('conflict', 'request_already_resolved');
    });
    const verify = vi.fn(async (): Promise<VerifyResult> => ({
      status: 'applied',
      description: 'app is approved',
    }));
    const { queue } = setup({ send, verify });
    queue.enqueue(approve('Ar1'));
    await queue.whenIdle();
    expect(queue.snapshot().actions).toEqual([]);
    expect(queue.listAudit().at(-1)).toMatchObject({
      event: 'done',
      result: 'already applied (Slack said request_already_resolved): app is approved',
    });
  });

  it('resolves a conflict error by reading Slack: conflict when Slack shows something else', async () => {
    const send = vi.fn(async () => {
      throw slackError('conflict', 'request_already_resolved');
    });
    const verify = vi.fn(async (): Promise<VerifyResult> => ({
      status: 'conflict',
      description: 'app is restricted at T001',
    }));
    const { queue } = setup({ send, verify });
    const rec = queue.enqueue(approve('Ar1'));
    await queue.whenIdle();
    expect(queue.snapshot().actions[0]).toMatchObject({
      id: rec.id,
      state: 'conflict',
      outcome: 'app is restricted at T001',
    });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('retries an uncertain failure only after Slack shows it did not happen', async () => {
    let n = 0;
    const send = vi.fn(async () => {
      if (++n === 1) throw slackError('uncertain', 'fatal_error');
    });
    const verify = vi.fn(async (): Promise<VerifyResult> => ({ status: 'not_applied' }));
    const { queue, time } = setup({ send, verify });
    queue.enqueue(approve('Ar1'));
    await queue.whenIdle();
    expect(verify).toHaveBeenCalledTimes(1);
    expect(queue.snapshot().actions[0]?.state).toBe('pending');
    time.advance(1000);
    await queue.whenIdle();
    expect(send).toHaveBeenCalledTimes(2);
    expect(queue.snapshot().actions).toEqual([]);
  });

  it('after a crash, verifies an action left sending instead of replaying it', async () => {
    const storage = createMemoryQueueStorage();
    const first = setup({ storage, send: () => new Promise<void>(() => {}) });
    const a = first.queue.enqueue(approve('Ar1'));
    const b = first.queue.enqueue(approve('Ar2'));
    await Promise.resolve();
    await Promise.resolve();
    expect(JSON.parse(storage.rows.get(a.id) ?? '{}').state).toBe('sending');
    // "Crash": abandon the first queue; a new process opens the same storage.
    const verify = vi.fn(async (action: Action): Promise<VerifyResult> =>
      action.id === a.id ? { status: 'applied' } : { status: 'not_applied' },
    );
    const second = setup({ storage, verify });
    await second.queue.whenIdle();
    await second.queue.whenIdle();
    expect(verify).toHaveBeenCalledTimes(2);
    expect(second.sent.map((x) => x.id)).toEqual([b.id]);
    expect(second.queue.snapshot().actions).toEqual([]);
    expect(
      second.queue
        .listAudit()
        .filter((e) => e.event === 'done')
        .map((e) => e.result),
    ).toEqual(['applied (confirmed after restart)', 'applied']);
  });

  it('after a crash, marks a conflicting sending action as conflict, and retries verification when Slack is unreachable', async () => {
    const storage = createMemoryQueueStorage();
    const first = setup({ storage, send: () => new Promise<void>(() => {}) });
    first.queue.enqueue(restrict('Ar1'));
    await Promise.resolve();
    await Promise.resolve();
    let reachable = false;
    const verify = vi.fn(async (): Promise<VerifyResult> => {
      if (!reachable) throw slackError('network', 'fetch_failed');
      return { status: 'conflict', description: 'request was approved by someone else' };
    });
    const second = setup({ storage, verify });
    await second.queue.whenIdle();
    expect(second.queue.snapshot().actions[0]?.state).toBe('sending');
    reachable = true;
    second.time.advance(60_000);
    await second.queue.whenIdle();
    expect(second.send).not.toHaveBeenCalled();
    expect(second.queue.snapshot().actions[0]).toMatchObject({
      state: 'conflict',
      outcome: 'request was approved by someone else',
    });
  });

  it('re-validates records read from disk and never sends an invalid one', async () => {
    const storage = createMemoryQueueStorage();
    storage.rows.set('bad', JSON.stringify({ id: 'bad', state: 'pending', action: { kind: 'approve' } }));
    const onInvalidRecord = vi.fn();
    const { queue, sent } = setup({ storage, onInvalidRecord });
    await queue.whenIdle();
    expect(onInvalidRecord).toHaveBeenCalledWith('bad', expect.any(String));
    expect(sent).toEqual([]);
    expect(storage.rows.has('bad')).toBe(true);
  });

  it('reports per-action changes with progress to listeners', async () => {
    const { queue } = setup();
    const events: string[] = [];
    const off = queue.onChange((c) =>
      events.push(
        `${c.changed.map((r) => r.state).join(',')}|${c.removed.length}|${c.progress.done}/${c.progress.total}`,
      ),
    );
    queue.enqueue(approve('Ar1'));
    await queue.whenIdle();
    off();
    expect(events).toEqual(['pending|0|0/1', 'sending|0|0/1', '|1|1/1']);
  });
});

describe('ActionQueue on a failing disk', () => {
  it('backs off instead of spinning when marking an action sending fails', async () => {
    const { queue, storage, time, send } = setup({ start: false });
    const onError = vi.fn();
    const q = new ActionQueue({
      storage,
      send,
      verify: async () => ({ status: 'applied' }),
      actor: () => ({ id: 'U1', name: 'Ada' }),
      now: time.now,
      timers: time.timers,
      random: () => 1,
      onError,
    });
    void queue;
    q.start();
    q.enqueue(approve('Ar1'));
    storage.failNextCommit = true;
    await q.whenIdle();
    await q.whenIdle();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(send).not.toHaveBeenCalled();
    expect(q.snapshot().actions[0]?.state).toBe('pending');
    time.advance(1000);
    await q.whenIdle();
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('ActionQueue after a send that may have reached Slack', () => {
  it('verifies a timed-out send instead of resending it, and a kick reads Slack again at once', async () => {
    let reachable = false;
    const send = vi.fn(async () => {
      throw slackError('network', 'network_timeout');
    });
    const verify = vi.fn(async (): Promise<VerifyResult> => {
      if (!reachable) throw slackError('network', 'network_error');
      return { status: 'applied' };
    });
    const { queue } = setup({ send, verify });
    queue.enqueue(approve('Ar1'));
    await queue.whenIdle();
    // Sent once, outcome unknown, Slack unreadable: it waits as `sending`, with a backoff.
    expect(send).toHaveBeenCalledTimes(1);
    expect(queue.snapshot().actions.map((a) => a.state)).toEqual(['sending']);
    reachable = true;
    queue.kick(); // connectivity is back: read Slack now rather than when the backoff ends
    await queue.whenIdle();
    expect(send).toHaveBeenCalledTimes(1); // never resent
    expect(queue.snapshot().actions).toEqual([]);
    expect(queue.listAudit().map((e) => e.event)).toEqual(['enqueued', 'done']);
  });
});

/** Errors exactly as the Slack client throws them, classified by the real error table. */
const fromSlack = (code: string, details: ConstructorParameters<typeof SlackApiError>[2] = {}) =>
  new SlackApiError(code, 'admin.apps.approve', details);
const uninstall = (appId: string): ActionInput => ({
  kind: 'uninstall',
  appId,
  target: { enterpriseId: 'E001' },
});

describe('ActionQueue failure policy', () => {
  it.each([
    ['reauth', 'token_revoked', { do: 'pause', reason: 'reauth' }],
    [
      'app_not_installed',
      'app_management_app_not_installed_on_org',
      { do: 'pause', reason: 'app_not_installed' },
    ],
    ['conflict', 'request_already_resolved', { do: 'verify' }],
    ['uncertain', 'internal_error', { do: 'verify' }],
    ['uncertain', 'fatal_error', { do: 'verify' }],
    ['network', 'network_timeout', { do: 'verify' }],
    ['network', 'network_reset', { do: 'verify' }],
    ['network', 'unreadable_response', { do: 'verify' }],
    ['network', 'network_error', { do: 'retry', counts: false }],
    ['network', 'token_refresh_offline', { do: 'retry', counts: false }],
    ['retryable', 'ratelimited', { do: 'retry', counts: false }],
    ['retryable', 'http_server_error', { do: 'retry', counts: true }],
    ['retryable', 'service_unavailable', { do: 'retry', counts: true }],
    ['configuration', 'http_error', { do: 'attention' }],
    ['permission', 'not_an_admin', { do: 'attention' }],
    ['not_possible', 'can_not_uninstall', { do: 'attention' }],
    ['invalid_input', 'invalid_arguments', { do: 'attention' }],
    ['unknown', 'brand_new_error', { do: 'attention' }],
  ] as const)('%s %s → %j', (category, code, plan) => {
    expect(planForFailure({ category, code })).toEqual(plan);
  });

  it('internal_error may have partly succeeded: Slack is read before any resend', async () => {
    let n = 0;
    const send = vi.fn(async () => {
      if (++n === 1) throw fromSlack('internal_error');
    });
    const verify = vi.fn(async (): Promise<VerifyResult> => ({ status: 'applied' }));
    const { queue } = setup({ send, verify });
    queue.enqueue(approve('Ar1'));
    await queue.whenIdle();
    expect(verify).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledTimes(1); // applied: never resent
    expect(queue.listAudit().at(-1)).toMatchObject({
      event: 'done',
      result: 'already applied (Slack said internal_error)',
    });
  });

  it('app_management_app_not_installed_on_org pauses the queue, naming the install, and uses no attempt', async () => {
    let installed = false;
    const send = vi.fn(async () => {
      if (!installed) throw fromSlack('app_management_app_not_installed_on_org');
    });
    const { queue } = setup({ send, concurrency: 1 });
    queue.enqueue(approve('Ar1'));
    queue.enqueue(approve('Ar2'));
    await queue.whenIdle();
    expect(send).toHaveBeenCalledTimes(1); // the second is not tried: it would fail the same way
    expect(queue.status()).toEqual({
      state: 'paused',
      reason: 'app_not_installed',
      label: "paused: an Org Owner or Admin must install Admit's Slack app on the whole org",
    });
    expect(queue.snapshot().actions.map((a) => `${a.state}:${a.attempts}`)).toEqual([
      'pending:0',
      'pending:0',
    ]);
    expect(queue.snapshot().actions[0]?.lastError?.message).toMatch(/Org Owner or Org Admin/);
    installed = true;
    queue.resume();
    await queue.whenIdle();
    await queue.whenIdle();
    expect(queue.snapshot().actions).toEqual([]);
  });

  it('429s do not use up attempts: the action outlasts more 429s than maxAttempts', async () => {
    let n = 0;
    const send = vi.fn(async () => {
      if (++n <= 5) throw fromSlack('ratelimited', { retryAfterMs: 1000 });
    });
    const { queue, time } = setup({ send, maxAttempts: 2 });
    queue.enqueue(approve('Ar1'));
    for (let i = 0; i < 7; i++) {
      await queue.whenIdle();
      time.advance(10 * 60_000);
    }
    expect(send).toHaveBeenCalledTimes(6);
    expect(queue.snapshot().actions).toEqual([]);
  });

  it('HTTP 5xx is retried, counts an attempt, and keeps Slack reachable', async () => {
    const send = vi.fn(async () => {
      throw toSlackApiError(new WebAPIHTTPError(503, 'Service Unavailable', {}, ''), 'admin.apps.approve');
    });
    const onConnectivity = vi.fn();
    const { queue, time } = setup({ send, maxAttempts: 2, onConnectivity });
    queue.enqueue(approve('Ar1'));
    for (let i = 0; i < 4; i++) {
      await queue.whenIdle();
      time.advance(10 * 60_000);
    }
    expect(send).toHaveBeenCalledTimes(2);
    expect(queue.snapshot().actions[0]).toMatchObject({ state: 'needs_attention', attempts: 2 });
    expect(onConnectivity).not.toHaveBeenCalledWith(false);
  });

  it('another 4xx (a proxy, a wrong URL) needs attention at once, naming the proxy and API URL', async () => {
    const send = vi.fn(async () => {
      throw toSlackApiError(
        new WebAPIHTTPError(407, 'Proxy Authentication Required', {}, ''),
        'admin.apps.approve',
      );
    });
    const { queue, time } = setup({ send });
    queue.enqueue(approve('Ar1'));
    await queue.whenIdle();
    time.advance(10 * 60_000);
    await queue.whenIdle();
    expect(send).toHaveBeenCalledTimes(1);
    const [rec] = queue.snapshot().actions;
    expect(rec).toMatchObject({
      state: 'needs_attention',
      lastError: { code: 'http_error', category: 'configuration' },
    });
    expect(rec?.outcome).toMatch(/proxy/);
    expect(rec?.outcome).toMatch(/SlackApiUrl/);
  });

  it.each(['net::ERR_CONNECTION_CLOSED', 'net::ERR_EMPTY_RESPONSE', 'net::ERR_CONNECTION_ABORTED'])(
    '%s from net.fetch may have reached Slack: verified, not resent',
    async (message) => {
      const send = vi.fn(async () => {
        throw toSlackApiError(new WebAPIRequestError(new Error(message)), 'admin.apps.approve');
      });
      const verify = vi.fn(async (): Promise<VerifyResult> => ({ status: 'applied' }));
      const { queue } = setup({ send, verify });
      queue.enqueue(approve('Ar1'));
      await queue.whenIdle();
      expect(verify).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenCalledTimes(1);
      expect(queue.snapshot().actions).toEqual([]);
    },
  );

  it('a failed token refresh is never uncertain: nothing was sent, so nothing is verified', async () => {
    const failures = [
      toSlackApiError(new DOMException('timed out', 'TimeoutError'), 'oauth.v2.access'),
      toSlackApiError(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }), 'oauth.v2.access'),
      new SlackApiError('internal_error', 'oauth.v2.access'),
    ].map(refreshFailure);
    const send = vi.fn(async () => {
      const next = failures.shift();
      if (next) throw next;
    });
    const verify = vi.fn(async (): Promise<VerifyResult> => ({ status: 'not_applied' }));
    const { queue, time } = setup({ send, verify, maxAttempts: 2 });
    queue.enqueue(approve('Ar1'));
    for (let i = 0; i < 5; i++) {
      await queue.whenIdle();
      time.advance(10 * 60_000);
    }
    expect(verify).not.toHaveBeenCalled();
    expect(send).toHaveBeenCalledTimes(4);
    expect(queue.snapshot().actions).toEqual([]);
  });
});

describe('ActionQueue ETA', () => {
  it("adds up each waiting action's Slack tier: 3 s per approve (Tier 2), 60 s per uninstall (Tier 1)", () => {
    const { queue } = setup({ start: false });
    queue.enqueue(approve('Ar1'));
    queue.enqueue(approve('Ar2'));
    queue.enqueue(uninstall('A002'));
    expect(queue.progress()).toEqual({ total: 3, done: 0, etaMs: 3000 + 3000 + 60_000 });
  });

  it('is never sooner than the latest backoff, and unknown (null) while paused', async () => {
    const send = vi.fn(async () => {
      throw fromSlack('ratelimited', { retryAfterMs: 120_000 });
    });
    const { queue } = setup({ send });
    queue.enqueue(approve('Ar1'));
    await queue.whenIdle();
    expect(queue.progress().etaMs).toBe(120_000);
    queue.pause('reauth');
    expect(queue.progress().etaMs).toBeNull();
  });
});
