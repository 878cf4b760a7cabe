/**
 * `npm run bench`: runs every scenario against the built app (run `electron-vite build` first),
 * prints one table and writes bench/results.json. A missed target never fails the run; a scenario
 * that could not run does (exit 1). Run some with `node bench/run.mjs sync store`.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBundle } from './scenarios/bundle.mjs';
import { runDecisionsUi } from './scenarios/decisions-ui.mjs';
import { runFirstSyncStall } from './scenarios/first-sync-stall.mjs';
import { runInboxUi } from './scenarios/inbox-ui.mjs';
import { runQueueDrain } from './scenarios/queue-drain.mjs';
import { runStore } from './scenarios/store.mjs';
import { runSync } from './scenarios/sync.mjs';
import { runTierSync } from './scenarios/tier-sync.mjs';
import { runTwoAdmins } from './scenarios/two-admins.mjs';

const SCENARIOS = {
  sync: runSync,
  'first-sync-stall': runFirstSyncStall,
  'tier-sync': runTierSync,
  'two-admins': runTwoAdmins,
  'queue-drain': runQueueDrain,
  'inbox-ui': runInboxUi,
  'decisions-ui': runDecisionsUi,
  store: runStore,
  bundle: runBundle,
};

const machine = () => {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    date: new Date().toISOString(),
  };
};

/**
 * How busy the CPU is with no scenario running, in % over `ms`: other processes (a build, a stray
 * host from an earlier run) slow every timing, so each run records it and says when it is high.
 */
const busyPct = async (ms) => {
  const total = () =>
    os.cpus().reduce(
      (sum, c) => {
        const t = c.times;
        return { idle: sum.idle + t.idle, all: sum.all + t.user + t.nice + t.sys + t.idle + t.irq };
      },
      { idle: 0, all: 0 },
    );
  const a = total();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = total();
  const all = b.all - a.all;
  return all > 0 ? Math.round((100 * (all - (b.idle - a.idle))) / all) : 0;
};
const BUSY_WARN_PCT = 10;

const verdict = (pass) => (pass === true ? 'pass' : pass === false ? 'FAIL' : '—');

/** Prints rows as one aligned plain-text table. */
const printTable = (rows) => {
  const header = ['scenario', 'metric', 'Admit', 'baseline / target', 'ratio', 'result'];
  const lines = rows.map((r) => [r.scenario, r.metric, r.admit, r.baseline, r.ratio ?? '', verdict(r.pass)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const fmt = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const l of lines) console.log(fmt(l));
};

const main = async () => {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0)
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS)}`);
  const names = asked.length > 0 ? asked : Object.keys(SCENARIOS);
  const results = { machine: machine(), scenarios: {} };
  const rows = [];
  let broken = 0;
  results.machine.busyBeforeRunPct = await busyPct(1_000);
  if (results.machine.busyBeforeRunPct > BUSY_WARN_PCT) {
    process.stderr.write(
      `bench: the CPU was ${results.machine.busyBeforeRunPct}% busy before the run started: other processes will slow every timing\n`,
    );
  }
  for (const name of names) {
    const started = performance.now();
    process.stderr.write(`bench: ${name}…\n`);
    try {
      const result = await SCENARIOS[name]();
      const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
      results.scenarios[name] = { ok: true, seconds, rows: result.rows, details: result.details };
      rows.push(...result.rows);
      // Once a scenario has stopped its processes, the CPU should be idle again.
      const busy = await busyPct(500);
      results.scenarios[name].busyAfterPct = busy;
      if (busy > BUSY_WARN_PCT) process.stderr.write(`bench: the CPU is ${busy}% busy after ${name}\n`);
    } catch (error) {
      broken += 1;
      const message = error instanceof Error ? error.message : String(error);
      results.scenarios[name] = { ok: false, error: message };
      rows.push({
        scenario: name,
        metric: 'could not run',
        admit: message.slice(0, 80),
        baseline: '',
        ratio: null,
        pass: null,
      });
    }
  }
  console.log();
  printTable(rows);
  const m = results.machine;
  console.log(`\n${m.os}; ${m.cpuModel} × ${m.cores}; ${m.memoryGb} GB; Node ${m.node}; ${m.date}`);
  console.log(`CPU busy before the run: ${m.busyBeforeRunPct}% (other processes)`);
  const file = path.join(import.meta.dirname, 'results.json');
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  process.exitCode = broken > 0 ? 1 : 0;
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
