import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionQueue } from '../queue/action-queue';
import type { Action } from '../../shared/actions';
import type { VerifyResult } from '../queue/queue-ports';
import { openOrgStore, ORG_DB_FILE, type OrgStore } from './org-store';
import { makeRequest } from './test-support/fixtures';

const dirs: string[] = [];
const stores: OrgStore[] = [];
const tmp = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-recovery-'));
  dirs.push(d);
  return d;
};
const NOW = Date.UTC(2025, 0, 1);
const open = (dir: string) => {
  const opened = openOrgStore(dir, { now: () => NOW });
  stores.push(opened.store);
  return opened;
};
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const queueOn = (store: OrgStore, send: (a: Action) => Promise<void>, verify = vi.fn()) =>
  new ActionQueue({
    storage: store.queueStorage,
    send,
    verify,
    actor: () => ({ id: 'U1', name: 'Ada' }),
    now: () => NOW,
  });

describe('corrupt database recovery', () => {
  it('moves a garbage file aside, writes an export next to it, and opens a fresh database', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, ORG_DB_FILE), 'this is not a database '.repeat(500));
    const { store, recovery } = open(dir);
    expect(recovery).not.toBeNull();
    expect(recovery?.movedTo).toBe(path.join(dir, `${ORG_DB_FILE}.corrupt-2025-01-01T00-00-00-000Z`));
    expect(fs.readFileSync(recovery?.movedTo ?? '', 'utf8')).toMatch(/^this is not a database/);
    const exported = JSON.parse(fs.readFileSync(recovery?.exportPath ?? '', 'utf8')) as {
      actions: unknown[];
    };
    expect(exported.actions).toEqual([]);
    expect(recovery?.exportedCount).toBe(0);
    expect(store.counts().requests).toBe(0);
    store.replacePendingRequests('T001', [makeRequest(1)]);
    expect(store.counts().requests).toBe(1);
  });

  it('salvages unsent queue entries from a truncated database before moving it aside', async () => {
    const dir = tmp();
    const first = open(dir).store;
    const queue = queueOn(first, async () => {});
    const a = queue.enqueue({
      kind: 'approve',
      requestId: 'Ar1',
      appId: 'A1',
      target: { teamId: 'T1' },
      note: 'keep me',
    });
    const b = queue.enqueue({ kind: 'restrict', appId: 'A2', target: { enterpriseId: 'E1' } });
    first.replacePendingRequests(
      'T001',
      Array.from({ length: 3000 }, (_, i) => makeRequest(i)),
    );
    first.close();
    const file = path.join(dir, ORG_DB_FILE);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));

    const { store, recovery } = open(dir);
    expect(recovery?.reason).toMatch(/malformed|corrupt/i);
    expect(recovery?.exportedCount).toBe(2);
    const exported = JSON.parse(fs.readFileSync(recovery?.exportPath ?? '', 'utf8')) as {
      actions: { id: string; state: string; action: { note?: string } }[];
    };
    expect(exported.actions.map((r) => [r.id, r.state])).toEqual([
      [a.id, 'pending'],
      [b.id, 'pending'],
    ]);
    expect(exported.actions[0]?.action.note).toBe('keep me');
    expect(fs.existsSync(recovery?.movedTo ?? '')).toBe(true);
    expect(store.counts()).toMatchObject({ requests: 0, actions: {} });
  });

  it('keeps the queue across reopening, and verifies (never resends) an action left sending', async () => {
    const dir = tmp();
    const first = open(dir).store;
    const stuck = queueOn(first, () => new Promise<void>(() => {}));
    stuck.start();
    const rec = stuck.enqueue({ kind: 'approve', requestId: 'Ar1', appId: 'A1', target: { teamId: 'T1' } });
    await Promise.resolve();
    await Promise.resolve();
    expect(first.counts().actions).toEqual({ sending: 1 });
    first.close(); // the process "dies" mid-call

    const { store } = open(dir);
    const send = vi.fn(async () => {});
    const verify = vi.fn(async (): Promise<VerifyResult> => ({ status: 'applied' }));
    const queue = queueOn(store, send, verify);
    queue.start();
    await queue.whenIdle();
    expect(verify).toHaveBeenCalledWith(rec.action);
    expect(send).not.toHaveBeenCalled();
    expect(store.counts().actions).toEqual({});
    expect(store.queueStorage.listAudit().map((e) => e.event)).toEqual(['enqueued', 'done']);
  });
});
