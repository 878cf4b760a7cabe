/**
 * Recovery as the admin meets it, against the simulator: a damaged database is reported on the
 * session, its saved decisions are reviewed and re-queued as needs attention (nothing reaches Slack
 * until the admin retries one), and a store that cannot be opened says why on the connect screen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  QueueView,
  RequeueResult,
  RequestSummary,
  SavedActionsView,
  SessionState,
} from '../../shared/view-types';
import { createMemoryVault } from '../auth';
import { dispatch } from '../bridge/dispatch';
import { launchDemoOrg } from '../demo';
import { ActionQueue } from '../queue/action-queue';
import { SCHEMA_VERSION } from '../store/migrations';
import { openOrgStore, ORG_DB_FILE } from '../store/org-store';
import { createAdmitService } from './admit-service';
import { RESTORED_REASON } from './saved-actions-review';
import { createJsonSettingsStorage } from './settings';
import { startHarness, type Harness } from './test-support/service-harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});
const harness = (): Harness => {
  if (!h) throw new Error('no harness');
  return h;
};

const call = <T>(channel: string, input?: unknown): Promise<T> => harness().call<T>(channel, input);
const approves = () => harness().sim.state.calls.filter((c) => c.method === 'admin.apps.approve');

/** Signs in, syncs, and returns the org's folder and a few workspace requests. */
const signedIn = async (): Promise<{ orgDir: string; rows: RequestSummary[] }> => {
  const h = harness();
  const synced = h.waitFor('sync:progress', (s) => s.state === 'idle' && s.lastSyncedAt !== null);
  await call('session:connectToken', { token: h.sim.adminToken });
  await synced;
  const page = await call<{ items: RequestSummary[] }>('inbox:list', { offset: 0, limit: 1000 });
  const rows = page.items.filter((r) => r.level === 'workspace').slice(0, 3);
  return { orgDir: path.join(h.dataDir, 'orgs', h.sim.enterpriseId), rows };
};

/** Queues decisions straight into the org's database while Admit is closed (so none is sent). */
const queueOffline = (orgDir: string, rows: RequestSummary[]): string[] => {
  const { store } = openOrgStore(orgDir);
  const queue = new ActionQueue({
    storage: store.queueStorage,
    send: async () => {},
    verify: vi.fn(),
    actor: () => ({ id: 'U1', name: 'Ada' }),
  });
  const ids = rows.map(
    (r) =>
      queue.enqueue({
        kind: 'approve',
        requestId: r.id,
        appId: r.appId,
        appName: r.appName,
        target: { teamId: r.teamId },
        targetName: r.teamName,
      }).id,
  );
  store.close();
  return ids;
};

describe('recovery, as the admin meets it', () => {
  it('reports a damaged database, and re-queues its saved decisions as needs attention', async () => {
    h = await startHarness();
    const { orgDir, rows } = await signedIn();
    await h.service.close();
    const ids = queueOffline(orgDir, rows);
    const fd = fs.openSync(path.join(orgDir, ORG_DB_FILE), 'r+');
    fs.writeSync(fd, Buffer.alloc(100, 0x42), 0, 100, 0); // header garbage
    fs.closeSync(fd);

    await h.restart();
    const session = await call<SessionState>('session:switch', { enterpriseId: h.sim.enterpriseId });
    expect(session.problems.join('\n')).toMatch(
      /3 queued decisions could not be read back: the database was damaged \(file is not a database\)\. All were saved to .*: use Review and re-queue/,
    );

    const [saved] = await call<SavedActionsView[]>('recovery:list');
    expect(saved?.actions.map((a) => [a.id, a.status, a.label])).toEqual(
      rows.map((r, i) => [ids[i], 'ready', `Approve ${r.appName} on ${r.teamName}`]),
    );
    const result = await call<RequeueResult>('recovery:requeue', {
      file: saved!.id,
      ids: [ids[0], ids[1], 'not-there'],
    });
    expect(result.requeued.map((a) => [a.id, a.state, a.reason])).toEqual([
      [ids[0], 'needs_attention', RESTORED_REASON],
      [ids[1], 'needs_attention', RESTORED_REASON],
    ]);
    expect(result.skipped).toEqual([{ id: 'not-there', reason: 'Not in this file.' }]);
    // Asking again changes nothing: they are in the queue already.
    const again = await call<RequeueResult>('recovery:requeue', { file: saved!.id, ids: [ids[0]] });
    expect(again).toEqual({ requeued: [], skipped: [{ id: ids[0], reason: 'Already in the queue.' }] });

    // Nothing was sent blind; the admin retries one, and only that one reaches Slack.
    await new Promise((r) => setTimeout(r, 200));
    expect(approves()).toHaveLength(0);
    const done = h.waitFor('actions:changed', (d) =>
      d.changed.some((a) => a.id === ids[0] && a.state === 'done'),
    );
    await call('actions:retry', { id: ids[0] });
    await done;
    expect(approves().map((c) => c.params['request_id'])).toEqual([rows[0]!.id]);
    const queue = await call<QueueView>('actions:list');
    expect(queue.actions.find((a) => a.id === ids[1])?.state).toBe('needs_attention');

    // The first was sent, the second waits in the queue, the third still awaits review; dismissing hides
    // the file, which stays on disk.
    const [left] = await call<SavedActionsView[]>('recovery:list');
    expect(left?.actions.map((a) => a.status)).toEqual(['requeued', 'queued', 'ready']);
    await call('recovery:dismiss', { file: saved!.id });
    expect(await call('recovery:list')).toEqual([]);
    expect(fs.existsSync(saved!.path)).toBe(true);
  });

  it('says why an org cannot be opened on the connect screen: a database from a newer build', async () => {
    h = await startHarness();
    const { orgDir } = await signedIn();
    await h.service.close();
    const db = new DatabaseSync(path.join(orgDir, ORG_DB_FILE));
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();

    await h.restart();
    const result = await dispatch(h.service.handlers, 'session:switch', { enterpriseId: h.sim.enterpriseId });
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^This data was written by a newer version of Admit/) },
    });
    const session = await call<SessionState>('session:get');
    expect(session.status).toBe('signed_out');
    expect(
      session.problems.some((p) => p.startsWith('This data was written by a newer version of Admit')),
    ).toBe(true);
  });

  it('never deletes a demo database another process has open', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-demo-'));
    const service = createAdmitService({
      dataDir,
      apiUrl: 'http://127.0.0.1:9/api/',
      emit: () => undefined,
      vault: createMemoryVault('memory only'),
      settingsStorage: createJsonSettingsStorage(path.join(dataDir, 'settings.json')),
      launchDemo: () => launchDemoOrg(60),
      syncIntervalMs: 60 * 60_000,
    });
    try {
      expect(await dispatch(service.handlers, 'session:connectDemo', undefined)).toMatchObject({ ok: true });
      // Another Admit (one that did not take the data folder's lock) has the demo database open.
      const other = new DatabaseSync(path.join(dataDir, 'orgs', 'demo', ORG_DB_FILE));
      other.prepare('SELECT count(*) FROM actions').get();
      const again = await dispatch(service.handlers, 'session:connectDemo', undefined);
      expect(again).toMatchObject({
        ok: false,
        error: {
          message: expect.stringMatching(
            /^Another Admit process has the demo org open in .*did not delete it/,
          ),
        },
      });
      expect(other.prepare('SELECT count(*) AS n FROM actions').get()).toEqual({ n: 0 });
      other.close();
      expect(await dispatch(service.handlers, 'session:connectDemo', undefined)).toMatchObject({ ok: true });
    } finally {
      await service.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
