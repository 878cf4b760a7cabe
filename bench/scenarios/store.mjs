/**
 * Scenario 5: enqueue latency (the decision is on disk before the call returns) with 10,000 cached
 * requests and 1,000 queued actions, measured two ways: in-process against the queue and store
 * (bundled from TypeScript with Vite), and through the browser host's `actions:enqueue` over HTTP.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'vite';
import { startNetworkSwitch } from '../lib/network-switch.mjs';
import { quantile, round } from '../lib/stats.mjs';
import { signInAndSync, startHost, startSimulator, until, withResources } from '../lib/processes.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const OUT_DIR = path.join(ROOT, 'out', 'bench');
const REQUESTS = 10_000;
const PREFILL = 1_000;
const SAMPLES = 300;
const SETTLE_MS = 3_000;

/** Bundles bench/store-inprocess.ts for Node (dependencies and builtins stay external). */
const bundleInProcess = async () => {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    build: {
      ssr: path.join(ROOT, 'bench', 'store-inprocess.ts'),
      outDir: OUT_DIR,
      emptyOutDir: true,
      target: 'node24',
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: '[name].mjs' } },
    },
  });
  return path.join(OUT_DIR, 'store-inprocess.mjs');
};

const runInProcess = async () => {
  const entry = await bundleInProcess();
  const child = spawn(process.execPath, [entry], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c.toString()));
  child.stderr.on('data', (c) => (err += c.toString()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`in-process store bench exited with ${code}: ${err}`);
  return JSON.parse(out.trim().split('\n').at(-1));
};

/** Through the browser host, offline (connections refused), so the 1,000 queued actions stay queued. */
const runOverHttp = async () =>
  withResources(async (use) => {
    const sim = use(await startSimulator({ requests: REQUESTS, workspaces: 20, seed: 5, 'rate-scale': 0 }));
    const network = use(await startNetworkSwitch(sim.apiUrl));
    const host = use(await startHost({ ...sim, apiUrl: network.apiUrl }, { ADMIT_RATE_SCALE: '1000000' }));
    await signInAndSync(host, sim);
    await network.unplug();
    const items = [];
    for (let offset = 0; items.length < PREFILL + SAMPLES; offset += 1000) {
      items.push(...(await host.invoke('inbox:list', { offset, limit: 1000 })).items);
    }
    const approval = (r) => ({
      kind: 'approve',
      requestId: r.id,
      appId: r.appId,
      target: r.level === 'org' ? { enterpriseId: r.teamId } : { teamId: r.teamId },
    });
    // In batches: the host caps a request body at 64 KB.
    for (let i = 0; i < PREFILL; i += 200) {
      await host.invoke('actions:enqueueMany', items.slice(i, i + 200).map(approval));
    }
    // The queue tries each new action once and backs off; measure once that first round has settled.
    await until(
      async () => ((await host.invoke('connection:get')).state === 'offline' ? true : undefined),
      30_000,
      'Admit to notice it is offline',
    );
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const samples = [];
    for (const r of items.slice(PREFILL, PREFILL + SAMPLES)) {
      const started = performance.now();
      await host.invoke('actions:enqueue', approval(r));
      samples.push(performance.now() - started);
    }
    return { samples, requests: (await host.invoke('inbox:list', { offset: 0, limit: 1 })).total };
  });

export const runStore = async () => {
  const inProcess = await runInProcess();
  const http = await runOverHttp();
  const row = (label, samples, q, name) => {
    const value = quantile(samples, q);
    return {
      scenario: '5 Store enqueue',
      metric: `${label} ${name}`,
      admit: `${round(value)} ms`,
      baseline: name === 'p95' ? 'target ≤ 5 ms' : '',
      ratio: name === 'p95' ? round(value / 5) : null,
      pass: name === 'p95' ? value <= 5 : null,
    };
  };
  return {
    details: {
      inProcess: {
        requests: inProcess.requests,
        queuedAtEnd: inProcess.queued,
        p50: round(quantile(inProcess.samples, 0.5), 3),
        p95: round(quantile(inProcess.samples, 0.95), 3),
        max: round(Math.max(...inProcess.samples), 3),
      },
      http: {
        requests: http.requests,
        p50: round(quantile(http.samples, 0.5), 3),
        p95: round(quantile(http.samples, 0.95), 3),
        max: round(Math.max(...http.samples), 3),
      },
      samples: SAMPLES,
    },
    rows: [
      row('in-process enqueue + commit', inProcess.samples, 0.5, 'p50'),
      row('in-process enqueue + commit', inProcess.samples, 0.95, 'p95'),
      row('actions:enqueue over HTTP', http.samples, 0.5, 'p50'),
      row('actions:enqueue over HTTP', http.samples, 0.95, 'p95'),
    ],
  };
};
