/**
 * Activation one at a time: opening an org's store takes several turns of the event loop, and two
 * sign-ins interleaved there must not open the same org twice or leave a session running unseen.
 */
import { describe, expect, it, vi } from 'vitest';
import type { OrgCredentials } from '../auth';
import type { AccountDeps } from './account-deps';

const log: string[] = [];
let opened = 0;

vi.mock('../store/org-store', () => ({
  openOrgStoreInSteps: async (dir: string) => {
    const n = ++opened;
    log.push(`open store ${n}`);
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 1)); // its steps
    log.push(`store ${n} opened`);
    return { store: { dir }, recovery: null };
  },
}));
vi.mock('./org-clients', () => ({ createOrgClients: () => ({ client: {}, sendClient: {} }) }));
vi.mock('./org-session', () => ({
  openOrgSession: () => {
    const n = opened;
    log.push(`session ${n} running`);
    return {
      sync: async () => undefined,
      close: async () => {
        log.push(`session ${n} closed`);
      },
    };
  },
}));

const { createOrgActivation } = await import('./org-activation');

const deps = {
  dataDir: '/data',
  apiUrl: 'https://slack.test/api/',
  vault: { status: () => ({ storage: 'encrypted' }) },
  lastOrg: { get: () => null, set: () => undefined },
} as unknown as AccountDeps;

const credentials = {
  enterpriseId: 'E0000001',
  enterpriseName: 'Acme',
  user: { id: 'W1', name: 'Ada' },
} as unknown as OrgCredentials;

describe('org activation', () => {
  it('runs two sign-ins one after the other: the first session is closed before the second store opens', async () => {
    const orgs = createOrgActivation(deps, async () => ({}) as never);
    await Promise.all([orgs.activate(credentials), orgs.activate(credentials)]);
    expect(log).toEqual([
      'open store 1',
      'store 1 opened',
      'session 1 running',
      'session 1 closed',
      'open store 2',
      'store 2 opened',
      'session 2 running',
    ]);
    await orgs.deactivate();
    expect(log.at(-1)).toBe('session 2 closed');
    expect(orgs.current()).toBeNull();
  });
});
