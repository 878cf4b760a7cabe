/**
 * The browser host after its terminal or parent process goes away: stdout and stderr are then
 * broken pipes, and every log line fails with EPIPE. The host must keep serving the tab it already
 * has, quietly: before the fix, the failed write was an uncaught exception, which the process guard
 * logged to stderr, which failed again, and the host spun at a third of a core for as long as it ran.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { invoke, invokeRaw, startSimulatorProcess, until } from './processes';
import { startWebHostProcess } from './web-host';

/** The process's CPU time so far in ms (user + system), from /proc; null where there is no /proc. */
const cpuMs = (pid: number): number | null => {
  try {
    // Fields after the command name: state is the 1st, utime the 12th and stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms on Linux
  } catch {
    return null;
  }
};

test('a host whose stdout and stderr were closed keeps serving, without spinning on its own log', async () => {
  const sim = await startSimulatorProcess(['--rate-scale', '60']);
  const host = await startWebHostProcess({ SLACK_API_URL: sim.apiUrl, ADMIT_RATE_SCALE: '60' });
  try {
    await invoke(host, 'session:connectToken', { token: sim.token });
    await until(
      async () =>
        (await invoke<{ total: number }>(host, 'inbox:list', { offset: 0, limit: 1 })).total > 0
          ? true
          : undefined,
      30_000,
      'the first sync',
    );
    // The terminal goes away: our ends of the host's stdout and stderr close.
    host.child.stdout?.destroy();
    host.child.stderr?.destroy();
    // Slack goes away too, so the next refresh fails and the host logs that it did.
    await sim.stop();
    // It answers at once, saying Slack cannot be reached (before the fix it never answered).
    const refresh = await invokeRaw(host, 'inbox:refresh');
    expect(refresh).toMatchObject({ ok: false, error: { code: 'offline' } });

    const pid = host.child.pid ?? 0;
    const before = cpuMs(pid);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = cpuMs(pid);
    // Still answering, and still the same process.
    expect(await invoke<{ theme?: string }>(host, 'settings:get')).toBeTruthy();
    expect(host.child.exitCode).toBeNull();
    test.skip(before === null || after === null, 'no /proc here to read the host’s CPU time from');
    // Idle, a host uses a few ms of CPU in 2 s; the loop used about 700.
    expect(after! - before!).toBeLessThan(200);
  } finally {
    await host.stop();
    await sim.stop();
  }
});
