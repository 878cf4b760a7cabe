/** A service wired to a real simulator on loopback, for the service's integration tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { InventoryPage } from '../../../shared/view-types';
import { dispatch } from '../../bridge/dispatch';
import { createVault, type Vault, type VaultCipher } from '../../auth';
import { createRateLimiter } from '../../slack';
import { SIMULATOR_CLIENT_ID, startSimulator, type Simulator } from '../../../simulator';
import type { Notifier } from '../../notify/new-requests';
import { createAdmitService, type AdmitService, type ServiceDeps } from '../admit-service';
import { createJsonSettingsStorage } from '../settings';

/** A reversible stand-in for safeStorage (tests only): not encryption, but never the plain token either. */
export const testCipher: VaultCipher = {
  isAvailable: () => true,
  backend: () => 'test',
  encrypt: (text) => Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
};

export type Harness = {
  sim: Simulator;
  service: AdmitService;
  dataDir: string;
  vault: Vault;
  events: { event: EventName; payload: unknown }[];
  /** Resolves with the first event of this name whose payload passes `test`. */
  waitFor<E extends EventName>(
    event: E,
    test?: (payload: EventPayload<E>) => boolean,
  ): Promise<EventPayload<E>>;
  /** Calls a channel through the same dispatch the hosts use; throws on a failed result. */
  call<T>(channel: string, input?: unknown): Promise<T>;
  /** Signs in with a pasted token (the simulator's admin token by default) and waits for the first complete sync. */
  signIn(token?: string): Promise<void>;
  /** Adds a pending request on the simulator, as a member asking for an app would; returns its ID. */
  addRequest(appId: string, teamId: string): Promise<string>;
  /** Waits until every place's approved and restricted lists were read (they follow the first sync). */
  inventoriesRead(timeoutMs?: number): Promise<void>;
  restart(): Promise<AdmitService>;
  /** Closes the service (and the simulator it started), then removes the data folder. */
  close(): Promise<void>;
};

/** Starts a simulator (per-second windows) and a service pointed at it, signed out. */
export const startHarness = async (
  options: {
    rateScale?: number;
    limiterScale?: number;
    /** The limiter's random source (each lane's recovery step after a 429). */
    limiterRandom?: () => number;
    slackTimeoutMs?: number;
    sim?: Simulator;
    /** Enables OAuth against the simulator's client id on these loopback ports. */
    oauthPorts?: number[];
    /** The host's system-browser opener (Electron's), to see what the service lets through. */
    openUrl?: (url: string, extraHosts?: readonly string[]) => Promise<void>;
    /** Desktop notifications (a fake in tests); none by default. */
    notifier?: Notifier;
    /** Managed policy, as host-setup passes it. */
    policy?: ServiceDeps['policy'];
  } = {},
): Promise<Harness> => {
  const rateScale = options.rateScale ?? 60;
  const sim = options.sim ?? (await startSimulator({ port: 0, rateScale }));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'admit-svc-'));
  const vault = createVault({
    file: path.join(dataDir, 'tokens.json'),
    cipher: testCipher,
    allowPlaintext: false,
  });
  const events: Harness['events'] = [];
  const waiters = new Set<{
    event: EventName;
    test: (p: unknown) => boolean;
    resolve: (p: unknown) => void;
  }>();
  const make = (): AdmitService =>
    createAdmitService({
      dataDir,
      apiUrl: sim.apiUrl,
      emit: (event, payload) => {
        events.push({ event, payload });
        for (const w of [...waiters]) {
          if (w.event === event && w.test(payload)) {
            waiters.delete(w);
            w.resolve(payload);
          }
        }
      },
      vault,
      settingsStorage: createJsonSettingsStorage(path.join(dataDir, 'settings.json')),
      limiter: createRateLimiter({
        scale: options.limiterScale ?? rateScale,
        ...(options.limiterRandom ? { random: options.limiterRandom } : {}),
      }),
      syncIntervalMs: 60 * 60_000,
      slackTimeoutMs: options.slackTimeoutMs,
      openUrl: options.openUrl,
      notifier: options.notifier,
      policy: options.policy,
      oauth: options.oauthPorts
        ? { clientId: SIMULATOR_CLIENT_ID, redirectPorts: options.oauthPorts, allowedEnterpriseIds: [] }
        : undefined,
    });
  let service = make();
  const harness: Harness = {
    sim,
    get service() {
      return service;
    },
    dataDir,
    vault,
    events,
    waitFor: (event, test) =>
      new Promise((resolve) =>
        waiters.add({
          event,
          test: (p) => (test ? test(p as never) : true),
          resolve: resolve as (p: unknown) => void,
        }),
      ),
    call: async <T>(channel: string, input?: unknown): Promise<T> => {
      const result = (await dispatch(service.handlers, channel, input)) as Result<T>;
      if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    signIn: async (token = sim.adminToken) => {
      const synced = harness.waitFor(
        'sync:progress',
        (st) => st.state === 'idle' && st.lastSyncedAt !== null,
      );
      await harness.call('session:connectToken', { token });
      await synced;
    },
    inventoriesRead: async (timeoutMs = 10_000) => {
      for (const until = Date.now() + timeoutMs; Date.now() < until;) {
        const page = await harness.call<InventoryPage>('inventory:list', {
          status: 'approved',
          offset: 0,
          limit: 1,
        });
        if (!page.freshness.reading && page.freshness.unread === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`the approved and restricted lists were not read within ${timeoutMs} ms`);
    },
    addRequest: async (appId, teamId) => {
      const res = await fetch(`${sim.origin}/_sim/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app_id: appId, team_id: teamId }),
      });
      if (res.status !== 200) throw new Error(`the simulator refused the request: ${res.status}`);
      return ((await res.json()) as { request: { id: string } }).request.id;
    },
    restart: async () => {
      await service.close();
      service = make();
      return service;
    },
    close: async () => {
      await service.close();
      if (!options.sim) await sim.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
};
