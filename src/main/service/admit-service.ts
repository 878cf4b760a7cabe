/**
 * The service behind the contract: one handler per channel, used unchanged by the Electron host
 * and the browser host. It owns sign-in, tokens and every Slack call; the renderer only ever gets
 * view models through these handlers and the events they emit.
 */
import type { Logger } from '../log';
import type { EventSink, Handlers } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { Vault } from '../auth';
import { createRateLimiter, type RateLimiter } from '../slack';
import { createAccounts, type DemoLauncher } from './accounts';
import { describeNewRequests, type Notifier } from '../notify/new-requests';
import { createSettings, type SettingsPolicy, type SettingsStorage } from './settings';
import { createRuleBook } from '../rules/rule-book';
import { createRuleHandlers } from './rule-handlers';
import { createSyncWorker } from '../sync/worker/sync-worker';

export type { DemoLauncher } from './accounts';

export type ServiceDeps = {
  dataDir: string;
  /** Slack Web API base, e.g. https://slack.com/api/ */
  apiUrl: string;
  /** The host's fetch (Electron passes net.fetch for the system proxy and certificate store). */
  fetch?: typeof fetch;
  /** The built sync worker; without one the inbox sync reads and stores pages on the main thread, in slices. */
  syncWorkerFile?: string;
  emit: EventSink;
  vault: Vault;
  settingsStorage: SettingsStorage;
  launchDemo?: DemoLauncher;
  /**
   * Opens an https URL in the system browser (absent in the browser host, where the page opens it).
   * `extraHosts` are hosts beyond Slack's that this call may open.
   */
  openUrl?: (url: string, extraHosts?: readonly string[]) => Promise<void>;
  oauth?: { clientId: string | null; redirectPorts: number[]; allowedEnterpriseIds: string[] };
  policy?: SettingsPolicy & { problems?: string[] };
  /** Shared pacing for every Slack call (tests and benchmarks pass a scaled one). */
  limiter?: RateLimiter;
  syncIntervalMs?: number;
  slackTimeoutMs?: number;
  /** Where the service reports what it cannot show (background failures, recoveries); redacted. */
  logger?: Logger;
  /** Shows "N new app requests" after a sync brings some (Electron: native; browser host: an event). */
  notifier?: Notifier;
};

export type AdmitService = {
  handlers: Handlers;
  /** Reopens the last org from its cache (Electron, where the vault persists). */
  restore(): Promise<void>;
  /** An OS online/offline hint, passed to the active org's connectivity monitor. */
  hint(online: boolean): void;
  close(): Promise<void>;
};

type ServiceParts = {
  accounts: ReturnType<typeof createAccounts>;
  settings: ReturnType<typeof createSettings>;
  rules: ReturnType<typeof createRuleHandlers>;
};

/** One handler per channel, over the accounts (and the active org's session), the settings and the rules. */
const channelHandlers = (
  { accounts, settings, rules }: ServiceParts,
  deps: Pick<ServiceDeps, 'openUrl'>,
  hint: (online: boolean) => void,
): Handlers => {
  const org = accounts.requireOrg;
  return {
    'session:get': async () => ok(await accounts.state()),
    'session:connectDemo': async () => ok(await accounts.connectDemo()),
    'session:connectToken': async ({ token }) => ok(await accounts.connectToken(token)),
    'session:signIn': async () => ok(await accounts.signIn()),
    'session:cancelSignIn': async () => ok(accounts.cancelSignIn()),
    'session:switch': async ({ enterpriseId }) => ok(await accounts.switchTo(enterpriseId)),
    'session:signOut': async ({ force }) => ok(await accounts.signOut(force)),
    'inbox:get': async ({ id }) => ok(org().detail(id)),
    'inbox:refresh': async () => ok(await org().sync()),
    'sync:targets': async () => ok(org().targetSyncs()),
    'inventory:list': async (input) => ok(org().inventory(input)),
    'actions:enqueue': async (input) => ok(org().enqueue(input)),
    'actions:enqueueMany': async (inputs) => ok(org().enqueueMany(inputs)),
    'actions:list': async () => ok(org().queueView()),
    'actions:undo': async ({ id }) => ok(org().undo(id)),
    'actions:undoLast': async () => ok(org().undoLast()),
    'actions:retry': async ({ id }) => ok(org().retry(id)),
    'actions:discard': async ({ id }) => ok(org().discard(id)),
    'audit:export': async ({ format }) => ok(org().exportAudit(format)),
    'recovery:list': async () => ok(org().savedActions()),
    'recovery:requeue': async ({ file, ids }) => ok(org().requeueSaved(file, ids)),
    'recovery:dismiss': async ({ file }) => ok(org().dismissSaved(file)),
    'icons:get': async ({ url }) => ok(await org().icon(url)),
    'connection:get': async () => ok(org().connection()),
    'connection:hint': async ({ online }) => {
      hint(online);
      return ok(true);
    },
    'settings:get': async () => ok(settings.view()),
    'settings:set': async (patch) => ok(settings.update(patch)),
    ...rules.handlers,
    'app:openExternal': async ({ url, requestId, appId }) => {
      if (!deps.openUrl) return ok({ opened: false });
      // Beyond Slack's own hosts, only a link Slack gave for this request or resolved app (the admin saw its host first).
      const links = requestId
        ? org()
            .detail(requestId)
            .links.map((l) => l.url)
        : appId
          ? org().appLinks(appId)
          : [];
      await deps.openUrl(url, links.includes(url) ? [new URL(url).hostname] : []);
      return ok({ opened: true });
    },
  };
};

/** Creates the service. */
export const createAdmitService = (deps: ServiceDeps): AdmitService => {
  const settings = createSettings(deps.settingsStorage, deps.policy ?? {});
  const ruleBook = createRuleBook({
    policyRules: deps.policy?.approvalRules,
    allowPersonalAuto: deps.policy?.allowPersonalAutoRules,
    personal: settings.personalRules,
  });
  // Before the accounts, so the org sessions' inbox events carry the rules' suggestions.
  const rules = createRuleHandlers(ruleBook, () => accounts.requireOrg(), deps.emit);
  const listWorker = deps.syncWorkerFile ? createSyncWorker(deps.syncWorkerFile) : undefined;
  const accounts = createAccounts({
    dataDir: deps.dataDir,
    apiUrl: deps.apiUrl,
    fetch: deps.fetch,
    listWorker,
    emit: rules.emit,
    vault: deps.vault,
    limiter: deps.limiter ?? createRateLimiter(),
    launchDemo: deps.launchDemo,
    openUrl: deps.openUrl,
    oauth: deps.oauth ?? { clientId: null, redirectPorts: [], allowedEnterpriseIds: [] },
    lastOrg: settings.lastOrg,
    problems: () => deps.policy?.problems ?? [],
    syncIntervalMs: deps.syncIntervalMs,
    slackTimeoutMs: deps.slackTimeoutMs,
    logger: deps.logger,
    onNewRequests: (added) => {
      // Auto rules first: the requests they decide are queued before anyone is told about them.
      try {
        rules.autoDecide(added);
      } catch (error) {
        deps.logger?.warn('rules.auto_failed', { error });
      }
      const notice = settings.view().notifications ? describeNewRequests(added) : null;
      if (notice) deps.notifier?.newRequests(notice);
    },
  });
  const handlers = channelHandlers({ accounts, settings, rules }, deps, (online) => service.hint(online));

  const service: AdmitService = {
    handlers,
    restore: async () => {
      await accounts.restore();
    },
    hint: (online) => {
      try {
        accounts.requireOrg().hint(online);
      } catch {
        // not signed in: nothing to probe
      }
    },
    close: async () => {
      await accounts.close();
      await listWorker?.close();
    },
  };
  return service;
};
