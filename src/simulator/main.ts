/** `npm run simulator -- --port N --requests N --workspaces W --rate-scale S`: the Slack simulator as a process. */
import { runSimulatorCli } from './cli';

runSimulatorCli(process.argv.slice(2))
  .then((sim) => {
    const stop = (): void => void sim.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((error: unknown) => {
    process.stderr.write(
      `Simulator could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
