/** `npm run web`: Admit's service in plain Node, with the renderer served to a browser on 127.0.0.1. */
import { fileURLToPath } from 'node:url';
import { createMemoryVault, redactSecrets } from '../auth';
import { readHostConfig } from '../host-config';
import { createHostService } from '../host-setup';
import { systemPolicyIO } from '../policy';
import { startWebHost, type WebHost } from './web-host';

const main = async (): Promise<void> => {
  const config = readHostConfig(process.argv.slice(2), process.env);
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
    },
    process.env,
  );
  const host = await startWebHost(() => service.handlers, {
    port: config.port,
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
  });
  hostRef.current = host;
  process.stdout.write(`Admit is running at ${host.url}\n`);
  const stop = async (): Promise<void> => {
    await Promise.allSettled([service.close(), host.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
};

main().catch((error: unknown) => {
  process.stderr.write(
    `Admit could not start: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`,
  );
  process.exit(1);
});
