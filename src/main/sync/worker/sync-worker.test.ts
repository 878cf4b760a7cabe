/**
 * The sync worker, run for real: its entry is bundled once (vite, as the app's build does) and
 * started as a worker thread. Each case reads the same pages with and without the worker and
 * expects the same rows, skipped items, errors and stored data: the worker only moves the work off
 * the main thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSlackAdminClient, type SlackAdminClient, type SlackClientOptions } from '../../slack/client';
import { SlackApiError } from '../../slack/errors';
import type { ListWorker } from '../../slack/list-worker-port';
import type { RequestSummary } from '../../../shared/view-types';
import { fakeFetch, fakeRequest, type FakeHandler } from '../../slack/test-support/fake-fetch';
import { startFakeSlackServer, type FakeSlackServer } from '../../slack/test-support/fake-slack-server';
import { openOrgStore, type OrgStore } from '../../store/org-store';
import { createSyncWorker } from './sync-worker';

const TOKEN = 'xoxp-real-token';
let dir = '';
let file = '';
const workers: ListWorker[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-list-worker-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: path.join(import.meta.dirname, 'worker.ts'),
      outDir: dir,
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'sync-worker.cjs' } },
    },
  });
  file = path.join(dir, 'sync-worker.cjs');
}, 60_000);

const stores: OrgStore[] = [];
const servers: FakeSlackServer[] = [];
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const w of workers.splice(0)) await w.close();
  for (const s of stores.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const worker = (f = file): ListWorker => {
  const w = createSyncWorker(f);
  workers.push(w);
  return w;
};

/**
 * How the worker's exchanges are made: through a host fetch on the main thread (Electron's
 * net.fetch; here a scripted fetch), or with the worker's own Node fetch (the browser host; here a
 * loopback server with the same script).
 */
type Transport = 'host fetch' | 'own fetch';

/** Two clients over one fake Slack: one reads on the worker, one on this thread. */
const clients = async (
  handler: FakeHandler,
  extra: Partial<SlackClientOptions> = {},
  transport: Transport = 'host fetch',
) => {
  const served = transport === 'own fetch' ? await startFakeSlackServer(handler) : null;
  if (served) servers.push(served);
  const slack = served ?? fakeFetch(handler);
  const pause = vi.fn();
  const base: SlackClientOptions = {
    token: TOKEN,
    apiUrl: served?.apiUrl ?? 'https://slack.test/api/',
    orgId: 'E0000001',
    fetch: 'fetch' in slack ? slack.fetch : undefined,
    limiter: { acquire: async () => undefined, pause },
    timeoutMs: 2_000,
    ...extra,
  };
  const listWorker = worker();
  const viaWorker: SlackAdminClient = createSlackAdminClient({ ...base, listWorker });
  const here: SlackAdminClient = createSlackAdminClient(base);
  return { slack, pause, viaWorker, here, listWorker };
};

const pages =
  (
    total: number,
    perPage: number,
    patch?: (item: Record<string, unknown>, n: number) => unknown,
  ): FakeHandler =>
  (call) => {
    const start = Number(call.params['cursor'] ?? '0');
    const items = Array.from({ length: Math.min(perPage, total - start) }, (_, i) => {
      const item = fakeRequest(start + i + 1);
      return patch ? patch(item, start + i + 1) : item;
    });
    const next = start + perPage < total ? String(start + perPage) : '';
    return { body: { ok: true, app_requests: items, response_metadata: { next_cursor: next } } };
  };

/** 2,000 requests in two pages; the second page waits until `release()`. */
const heldAtSecondPage = (): { handler: FakeHandler; release: () => void } => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  const inner = pages(2_000, 1_000);
  const handler: FakeHandler = async (call, i) => {
    if (call.params['cursor'] === '1000') await held;
    return inner(call, i);
  };
  return { handler, release: () => release() };
};

const failure = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );

/** An empty org store in its own folder. */
const store = (): OrgStore => {
  const { store: s } = openOrgStore(fs.mkdtempSync(path.join(dir, 'org-')));
  stores.push(s);
  return s;
};

describe.each<Transport>(['host fetch', 'own fetch'])('sync worker: reads (%s)', (transport) => {
  it('reads every page into the same rows as the main thread, and reports each page', async () => {
    const { viaWorker, here, listWorker } = await clients(pages(2_500, 1_000), {}, transport);
    const seen: number[] = [];
    const a = await viaWorker.readRequests({ team_id: 'T0000001' }, (p) => seen.push(p.rows));
    expect(listWorker.available).toBe(true); // it was read there, not by the fallback
    const b = await here.readRequests({ team_id: 'T0000001' });
    expect(a.rows).toHaveLength(2_500);
    expect(a).toEqual(b);
    expect(seen).toEqual([1_000, 1_000, 500]);
  });

  it('sends the token main gives it, with the same request the SDK makes here', async () => {
    const { slack, viaWorker, here } = await clients(pages(3, 10), {}, transport);
    await viaWorker.readRequests({ enterprise_id: 'E0000001' });
    await here.readRequests({ enterprise_id: 'E0000001' });
    const [fromWorker, fromHere] = slack.calls;
    expect(fromWorker?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(fromWorker?.params).toEqual(fromHere?.params);
    expect(fromWorker?.method).toBe('admin.apps.requests.list');
  });

  it('sends each call with the token current at that call, so a rotated token is never reused', async () => {
    let issued = 0;
    const { slack, viaWorker } = await clients(
      pages(2_500, 1_000),
      { token: async () => `xoxe.xoxp-rotated-${++issued}` },
      transport,
    );
    await viaWorker.readRequests({ team_id: 'T0000001' });
    expect(slack.calls.map((c) => c.headers['authorization'])).toEqual([
      'Bearer xoxe.xoxp-rotated-1',
      'Bearer xoxe.xoxp-rotated-2',
      'Bearer xoxe.xoxp-rotated-3',
    ]);
  });

  it('keeps items it cannot read as skipped, exactly as the main thread does', async () => {
    const broken = pages(5, 10, (item, n) => (n === 3 ? { ...item, app: null } : item));
    const { viaWorker, here } = await clients(broken, {}, transport);
    const a = await viaWorker.readRequests({ team_id: 'T0000001' });
    expect(a.rows).toHaveLength(4);
    expect(a.skipped).toHaveLength(1);
    expect(a).toEqual(await here.readRequests({ team_id: 'T0000001' }));
  });

  it('re-reads a page after a 429, pausing the shared limiter for Retry-After', async () => {
    let limited = false;
    const inner = pages(1_500, 1_000);
    const { viaWorker, pause } = await clients(
      (call, i) => {
        if (call.params['cursor'] === '1000' && !limited) {
          limited = true;
          return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
        }
        return inner(call, i);
      },
      {},
      transport,
    );
    const read = await viaWorker.readRequests({ team_id: 'T0000001' });
    expect(read.rows).toHaveLength(1_500);
    expect(pause).toHaveBeenCalledWith('E0000001', 'admin.apps.requests.list', 1_000);
  });

  it('fails with the same Slack error as the main thread (code, category, message)', async () => {
    const { viaWorker, here } = await clients(
      () => ({ body: { ok: false, error: 'invalid_auth' } }),
      {},
      transport,
    );
    const a = await failure(viaWorker.readRequests({ team_id: 'T0000001' }));
    const b = await failure(here.readRequests({ team_id: 'T0000001' }));
    expect(a).toBeInstanceOf(SlackApiError);
    const { code, category, message, method } = a as SlackApiError;
    expect({ code, category, message, method }).toEqual({
      code: (b as SlackApiError).code,
      category: (b as SlackApiError).category,
      message: (b as SlackApiError).message,
      method: (b as SlackApiError).method,
    });
    expect(category).toBe('reauth');
  });

  it('classifies a dropped connection on the main thread as it would without the worker', async () => {
    const drop: FakeHandler = () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      });
    };
    const { viaWorker, here } = await clients(drop, {}, transport);
    const a = (await failure(viaWorker.readRequests({ team_id: 'T0000001' }))) as SlackApiError;
    const b = (await failure(here.readRequests({ team_id: 'T0000001' }))) as SlackApiError;
    expect(a).toBeInstanceOf(SlackApiError);
    expect([a.code, a.category, a.message]).toEqual([b.code, b.category, b.message]);
    expect(a.category).toBe('network');
  });

  it("lets a failing token provider's own error through", async () => {
    const signIn = new Error('Sign in again: the refresh token was revoked');
    const { viaWorker } = await clients(
      pages(1, 10),
      {
        token: async () => {
          throw signIn;
        },
      },
      transport,
    );
    expect(await failure(viaWorker.readRequests({ team_id: 'T0000001' }))).toBe(signIn);
  });

  it('reads on the main thread when the worker cannot start, with the same result', async () => {
    const slack = fakeFetch(pages(1_200, 1_000));
    const gone = worker(path.join(dir, 'missing.cjs'));
    const client = createSlackAdminClient({
      token: TOKEN,
      apiUrl: 'https://slack.test/api/',
      orgId: 'E0000001',
      fetch: slack.fetch,
      limiter: { acquire: async () => undefined, pause: () => undefined },
      listWorker: gone,
    });
    const read = await client.readRequests({ team_id: 'T0000001' });
    expect(read.rows).toHaveLength(1_200);
    expect(read.written).toBeNull();
    expect(gone.available).toBe(false);
  });

  it('answers reads under way with a fallback when the worker is closed mid-read', async () => {
    const { handler, release } = heldAtSecondPage();
    const { viaWorker, slack, listWorker } = await clients(handler, {}, transport);
    const reading = viaWorker.readRequests({ team_id: 'T0000001' });
    await vi.waitFor(() => expect(slack.calls).toHaveLength(2)); // the worker is waiting for page 2
    await listWorker.close();
    release();
    const read = await reading;
    expect(read.rows).toHaveLength(2_000);
    expect(listWorker.available).toBe(false);
    expect(slack.calls.map((c) => c.params['cursor'] ?? '')).toEqual(['', '1000', '', '1000']);
  });
});

/** The nice values of this process's threads (Linux: each thread has its own). */
const threadNices = (): number[] =>
  fs.readdirSync(`/proc/${process.pid}/task`).map((tid) => {
    const stat = fs.readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });

describe('sync worker: priority', () => {
  it.runIf(process.platform === 'linux')(
    'runs its threads below normal priority, leaving the main thread at normal priority',
    async () => {
      const before = threadNices().filter((n) => n === 10).length;
      const w = worker();
      await vi.waitFor(() => expect(threadNices().filter((n) => n === 10).length).toBe(before + 2));
      expect(os.getPriority()).toBe(0); // this thread, which stands for main
      await w.close();
    },
  );
});

describe('sync worker: writes', () => {
  const T = 'T0000001';

  it("stores a target's rows as the main thread's write would, and says what changed", async () => {
    const [viaWorker, here] = [store(), store()];
    const { viaWorker: client, here: plain, listWorker } = await clients(pages(1_500, 1_000));
    const read = await client.readRequests({ team_id: T }, undefined, { file: viaWorker.path, target: T });
    expect(listWorker.available).toBe(true);
    expect(read.rows).toBeNull();
    expect(read.written?.count).toBe(1_500);
    expect(read.written?.delta.added).toHaveLength(1_500);
    const rowsOf = (texts: string[] = []) => texts.map((json) => JSON.parse(json) as RequestSummary);
    expect(rowsOf(read.written?.addedJson).map((r) => r.id)).toEqual(read.written?.delta.added);
    expect(read.written?.changedJson).toEqual([]);
    // The icons those rows show, each once, for the fetch after the sync.
    const icons = new Set(rowsOf(read.written?.addedJson).map((r) => r.appIconUrl));
    expect(new Set(read.written?.iconUrls)).toEqual(icons);
    expect(read.written?.iconUrls).toHaveLength(icons.size);
    const rows = (await plain.readRequests({ team_id: T })).rows ?? [];
    expect(here.replacePrepared(T, rows).added).toEqual(read.written?.delta.added);
    expect(viaWorker.listSummaries(0, 2_000)).toEqual(here.listSummaries(0, 2_000));
    expect(viaWorker.getRequest('Ar000007')).toEqual(here.getRequest('Ar000007'));
  });

  it('writes only what changed, removes what Slack no longer lists and keeps what it could not read', async () => {
    const org = store();
    const first = await clients(pages(5, 10));
    await first.viaWorker.readRequests({ team_id: T }, undefined, { file: org.path, target: T });
    // Next time: #2 changed, #3 is gone, #4 arrives unreadable (kept), #1 and #5 are the same.
    const next = await clients(() => {
      const items = [1, 2, 4, 5].map((n) => {
        const item = fakeRequest(n);
        if (n === 2) return { ...item, message: 'please' };
        if (n === 4) return { ...item, app: null };
        return item;
      });
      return { body: { ok: true, app_requests: items, response_metadata: { next_cursor: '' } } };
    });
    const read = await next.viaWorker.readRequests({ team_id: T }, undefined, { file: org.path, target: T });
    expect(read.written?.delta).toEqual({ added: [], changed: ['Ar000002'], removed: ['Ar000003'] });
    expect(read.skipped.map((s) => s.id)).toEqual(['Ar000004']);
    expect(org.listSummaries(0, 10).items.map((r) => r.id)).toEqual([
      'Ar000001',
      'Ar000002',
      'Ar000004',
      'Ar000005',
    ]);
  });

  it('never brings back a database file that was deleted meanwhile', async () => {
    const org = store();
    const file = org.path;
    org.close();
    stores.splice(stores.indexOf(org), 1);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    fs.mkdirSync(path.dirname(file));
    const { viaWorker } = await clients(pages(3, 10));
    const error = await failure(viaWorker.readRequests({ team_id: T }, undefined, { file, target: T }));
    expect(error).toBeInstanceOf(Error);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('release() stops a read before it writes and waits for it, so the file can be closed', async () => {
    const org = store();
    const { handler, release } = heldAtSecondPage();
    const { viaWorker, slack, listWorker } = await clients(handler);
    const reading = failure(viaWorker.readRequests({ team_id: T }, undefined, { file: org.path, target: T }));
    await vi.waitFor(() => expect(slack.calls).toHaveLength(2));
    const released = listWorker.release(org.path);
    release();
    await released;
    expect(await reading).toBeInstanceOf(Error);
    expect(org.listSummaries(0, 10).total).toBe(0);
    expect(listWorker.available).toBe(true); // the worker itself goes on
  });

  it('release() does not wait for a page Slack is slow to send when the worker makes its own exchanges', async () => {
    const org = store();
    const { handler, release } = heldAtSecondPage();
    const { viaWorker, slack, listWorker } = await clients(handler, { timeoutMs: 60_000 }, 'own fetch');
    const reading = failure(viaWorker.readRequests({ team_id: T }, undefined, { file: org.path, target: T }));
    await vi.waitFor(() => expect(slack.calls).toHaveLength(2));
    const released = listWorker.release(org.path).then(() => 'released');
    const waited = new Promise((r) => setTimeout(() => r('still waiting'), 3_000));
    expect(await Promise.race([released, waited])).toBe('released'); // not the page's 60 s timeout
    release();
    expect(await reading).toBeInstanceOf(Error);
    expect(org.listSummaries(0, 10).total).toBe(0);
  });
});
