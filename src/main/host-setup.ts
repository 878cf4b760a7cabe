/**
 * What both hosts do at launch: read managed policy, settle the effective configuration, and build
 * the service with the host's own adapters (vault, settings storage, fetch, URL opener).
 */
import path from 'node:path';
import type { EventSink } from '../shared/contract';
import type { Vault } from './auth';
import { launchDemoOrg } from './demo';
import { ensurePrivateDir } from './files/private-files';
import { normalizeApiUrl, type HostConfig } from './host-config';
import { silentLogger, type Logger } from './log';
import { eventNotifier, type Notifier } from './notify/new-requests';
import { loadPolicy, resolveSettings, type LoadedPolicy, type PolicyIO } from './policy';
import { createAdmitService, type AdmitService } from './service/admit-service';
import { createJsonSettingsStorage, type SettingsStorage } from './service/settings';
import { createRateLimiter } from './slack';

export type HostAdapters = {
  config: HostConfig;
  policyIO: PolicyIO;
  emit: EventSink;
  /** Builds the vault once policy says whether plaintext storage is allowed. */
  vault: (allowPlaintext: boolean) => Vault;
  settingsStorage?: SettingsStorage;
  fetch?: typeof fetch;
  /** The built sync worker (out/main/sync-worker.js): the inbox sync's pages are read and stored there. */
  syncWorkerFile?: string;
  openUrl?: (url: string, extraHosts?: readonly string[]) => Promise<void>;
  /** Where the host's log goes (a file in Electron, stderr in the browser host). */
  logger?: Logger;
  /** Desktop notifications; without one, notices go to the page as `notify:newRequests` events. */
  notifier?: Notifier;
};

/**
 * ADMIT_RATE_SCALE shrinks Slack's per-minute rate windows, for the demo org's simulator and for
 * Admit's own pacing alike (60 = per-second windows), so end-to-end tests and benchmarks against the
 * simulator need not wait minutes. It is a development switch: against real Slack it only earns 429s.
 */
export const rateScale = (env: NodeJS.ProcessEnv): number => {
  const scale = Number(env['ADMIT_RATE_SCALE'] ?? '1');
  return Number.isFinite(scale) && scale >= 1 ? scale : 1;
};

/** What a host runs with: user defaults under policy (ADMIT_* overrides included when env has them), the API base, the pacing. */
export const hostSettings = (config: HostConfig, policy: LoadedPolicy, env: NodeJS.ProcessEnv) => {
  const effective = resolveSettings({}, policy);
  return {
    effective,
    rateScale: rateScale(env),
    apiUrl: env['SLACK_API_URL'] ? config.slackApiUrl : normalizeApiUrl(effective.slackApiUrl),
  };
};

/** Loads policy and creates the service for a host. */
export const createHostService = async (
  adapters: HostAdapters,
  env: NodeJS.ProcessEnv,
): Promise<AdmitService> => {
  const logger = adapters.logger ?? silentLogger;
  // The vault, the databases, settings and the log live here: only this OS user may enter it.
  await ensurePrivateDir(adapters.config.dataDir);
  const policy = await loadPolicy(adapters.policyIO);
  logger.info('policy.loaded', { managedKeys: policy.managedKeys, envKeys: policy.envKeys });
  for (const problem of policy.problems) logger.warn('policy.problem', { problem });
  const { effective, rateScale: scale, apiUrl } = hostSettings(adapters.config, policy, env);
  return createAdmitService({
    dataDir: adapters.config.dataDir,
    apiUrl,
    fetch: adapters.fetch,
    syncWorkerFile: adapters.syncWorkerFile,
    emit: adapters.emit,
    vault: adapters.vault(effective.allowPlaintextTokenStorage),
    settingsStorage:
      adapters.settingsStorage ??
      createJsonSettingsStorage(path.join(adapters.config.dataDir, 'settings.json')),
    launchDemo: effective.offerDemoOrg ? () => launchDemoOrg(scale) : undefined,
    openUrl: adapters.openUrl,
    logger,
    oauth: {
      clientId: effective.slackClientId,
      redirectPorts: effective.redirectPorts,
      allowedEnterpriseIds: effective.allowedEnterpriseIds,
    },
    policy: {
      disableSingleKeyShortcuts: policy.managedKeys.includes('DisableSingleKeyShortcuts')
        ? effective.disableSingleKeyShortcuts
        : undefined,
      overdueAfterDays: policy.managedKeys.includes('OverdueAfterDays')
        ? effective.overdueAfterDays
        : undefined,
      disableNotifications: policy.managedKeys.includes('DisableNotifications')
        ? effective.disableNotifications
        : undefined,
      approvalRules: policy.values.ApprovalRules,
      allowPersonalAutoRules: policy.values.AllowPersonalAutoRules,
      problems: policy.problems,
    },
    limiter: createRateLimiter({ scale }),
    notifier: adapters.notifier ?? eventNotifier(adapters.emit),
  });
};
