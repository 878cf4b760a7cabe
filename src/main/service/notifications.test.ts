import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NewRequestsNotice, SyncStatus } from '../../shared/view-types';
import type { Notifier } from '../notify/new-requests';
import { startHarness, type Harness } from './test-support/service-harness';

let h: Harness;
afterEach(() => h?.close());

/** A notifier that only records what it was asked to show. */
const fakeNotifier = () => {
  const shown: NewRequestsNotice[] = [];
  const notifier: Notifier = { newRequests: (notice) => void shown.push(notice) };
  return { notifier, shown };
};

/** Three different apps and one workspace of the simulator's org. */
const threeApps = () => {
  const apps = [...h.sim.state.apps.values()].slice(0, 3).map((e) => ({ id: e.app.id, name: e.app.name }));
  const team = [...h.sim.state.teams.values()][0]!;
  return { apps, team };
};

const refresh = (): Promise<SyncStatus> => h.call<SyncStatus>('inbox:refresh');

describe('desktop notifications for new requests', () => {
  it('announces the first sync into an empty cache with nothing, then one notice for three new requests', async () => {
    const fake = fakeNotifier();
    h = await startHarness({ notifier: fake.notifier });
    await h.signIn();
    // The first sync brought the whole backlog: that is not news.
    expect(fake.shown).toEqual([]);
    const { apps, team } = threeApps();
    const ids: string[] = [];
    for (const app of apps) ids.push(await h.addRequest(app.id, team.id));
    await refresh();
    expect(fake.shown).toHaveLength(1);
    const [notice] = fake.shown;
    expect(notice?.title).toBe('3 new app requests');
    const names = apps.map((a) => a.name);
    const named = /^(.+), (.+) and 1 more$/.exec(notice?.body ?? '');
    expect(named && [named[1], named[2]].every((n) => names.includes(n!))).toBe(true);
    expect([...(notice?.requestIds ?? [])].sort()).toEqual([...ids].sort());
    // Nothing new: nothing to say.
    await refresh();
    expect(fake.shown).toHaveLength(1);
  });

  it('says nothing once the admin turns notifications off', async () => {
    const fake = fakeNotifier();
    h = await startHarness({ notifier: fake.notifier });
    await h.signIn();
    await h.call('settings:set', { notifications: false });
    const { apps, team } = threeApps();
    await h.addRequest(apps[0]!.id, team.id);
    await refresh();
    expect(fake.shown).toEqual([]);
  });

  it('says nothing when policy turns notifications off, and the admin cannot turn them back on', async () => {
    const fake = fakeNotifier();
    h = await startHarness({ notifier: fake.notifier, policy: { disableNotifications: true } });
    await h.signIn();
    expect(await h.call('settings:get')).toMatchObject({ notifications: false, managed: ['notifications'] });
    await expect(h.call('settings:set', { notifications: true })).rejects.toThrow(/policy/);
    const { apps, team } = threeApps();
    await h.addRequest(apps[0]!.id, team.id);
    await refresh();
    expect(fake.shown).toEqual([]);
  });

  it('keeps a failing notifier from failing the sync', async () => {
    const notifier: Notifier = {
      newRequests: vi.fn(() => {
        throw new Error('no notification daemon');
      }),
    };
    h = await startHarness({ notifier });
    await h.signIn();
    const { apps, team } = threeApps();
    await h.addRequest(apps[0]!.id, team.id);
    await expect(refresh()).resolves.toMatchObject({ state: 'idle' });
    expect(notifier.newRequests).toHaveBeenCalledTimes(1);
  });
});
