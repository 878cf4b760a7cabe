/** `npm run web`: Admit's service in plain Node, with the renderer served to a browser on 127.0.0.1. */
import { fileURLToPath } from 'node:url';
import { createMemoryVault, redactSecrets } from '../auth';
import { acquireDataLock, DataFolderInUseError } from '../data-lock';
import { readHostConfig } from '../host-config';
import { createHostService } from '../host-setup';
import { createLogger, streamSink } from '../log';
import { systemPolicyIO } from '../policy';
import { installProcessGuard } from './process-guard';
import { startWebHost, type WebHost } from './web-host';

/** The browser host logs to stderr (docs/logging.md); every line is redacted. */
const logger = createLogger(streamSink());

const main = async (): Promise<void> => {
  const config = readHostConfig(process.argv.slice(2), process.env);
  // One Admit per data folder, held until this process ends (the OS releases it on a crash too).
  const dataLock = acquireDataLock(config.dataDir);
  logger.info('app.start', { host: 'web', node: process.versions.node, platform: process.platform });
  // The service and the host need each other: events flow out through the host once it listens.
  const hostRef: { current?: WebHost } = {};
  const service = await createHostService(
    {
      config,
      policyIO: systemPolicyIO(),
      emit: (event, payload) => hostRef.current?.emit(event, payload),
      // The browser host keeps tokens in memory only; the page says so.
      vault: () =>
        createMemoryVault('The browser host keeps tokens in memory only: sign in again after a restart.'),
      logger,
      syncWorkerFile: fileURLToPath(new URL('./sync-worker.js', import.meta.url)),
    },
    process.env,
  );
  const host = await startWebHost(() => service.handlers, {
    port: config.port,
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
  });
  hostRef.current = host;
  // The origin only: the launch key stays out of files.
  dataLock.setAddress(new URL(host.url).origin);
  process.stdout.write(`Admit is running at ${host.url}\n`);
  const stop = async (): Promise<void> => {
    const results = await Promise.allSettled([service.close(), host.close()]);
    for (const r of results)
      if (r.status === 'rejected') logger.error('app.close_failed', { error: r.reason });
    dataLock.release();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
};

// A stray exception is logged (redacted) and the host keeps serving.
installProcessGuard();

main().catch((error: unknown) => {
  // A second host on the same folder says so on one line, as it is.
  if (error instanceof DataFolderInUseError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(
    `Admit could not start: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`,
  );
  process.exit(1);
});
