/**
 * Figures over the simulator's call log (`GET /_sim/calls`: `{ at, method, params, status, ok }` per
 * call) and Slack's published tiers (read from the committed Slack facts, not from Admit's own table),
 * for the scenarios that measure how Admit spends Slack's rate budget.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const readFacts = async (file) =>
  JSON.parse(await readFile(path.join(ROOT, 'src', 'slack-facts', file), 'utf8'));

let facts;
let budgets;
/**
 * Calls per minute Slack allows a method: its tier from `src/slack-facts/slack-facts.json`, the tier's
 * budget from `tier-budgets.json` (the files the simulator reads); undefined if untiered.
 */
export const slackCallsPerMinute = async (method) => {
  facts ??= await readFacts('slack-facts.json');
  budgets ??= await readFacts('tier-budgets.json');
  const tier = facts.methods[method]?.tier;
  return tier ? budgets[tier] : undefined;
};

/** The whole call log (no filter), for before/after slicing. */
export const simCalls = async (sim) => sim.calls();

/** Calls by method, e.g. `{ 'admin.apps.requests.list': 201 }`; `filter` picks which calls count. */
export const countByMethod = (calls, filter = () => true) => {
  const out = {};
  for (const c of calls) if (filter(c)) out[c.method] = (out[c.method] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
};

/**
 * 429s per method per rate window, with the windows the simulator keeps (`src/simulator/rate-limit.ts`:
 * per method, a window starts at the first call at or after the previous window's end and lasts
 * `windowMs`). The simulator keys windows by app and org too; the log does not say which app called,
 * so this is right for calls made with one Slack app in one org (every benchmark so far).
 * Returns `{ [method]: { windows, perWindow: [{ index, start, calls, limited }] } }`, only windows
 * that drew a 429 in `perWindow`.
 */
export const rateLimitedPerWindow = (calls, windowMs) => {
  const out = {};
  const current = new Map();
  for (const c of calls) {
    let w = current.get(c.method);
    if (!w || c.at >= w.start + windowMs) {
      w = { index: (w?.index ?? -1) + 1, start: c.at, calls: 0, limited: 0 };
      current.set(c.method, w);
      out[c.method] ??= { windows: 0, perWindow: [] };
      out[c.method].windows = w.index + 1;
    }
    w.calls += 1;
    if (c.status === 429) {
      w.limited += 1;
      // When in the window each 429 came (ms after its start) and how many calls it had let through.
      (w.limitedAt ??= []).push({ atMs: c.at - w.start, after: w.calls - w.limited });
      const list = out[c.method].perWindow;
      if (list.at(-1) !== w) list.push(w);
    }
  }
  return out;
};

/**
 * Polls a host until its approved and restricted lists were read everywhere (the harness's check).
 * It asks for the page at offset 1: the first page (offset 0) counts as "an inventory view was
 * opened", which re-reads every list older than a few minutes (5 s at scale 60), so polling it would
 * keep starting new reads at sizes where one read takes longer than that.
 */
export const inventoriesRead = async (host, timeoutMs = 120_000, everyMs = 50) => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const page = await host.invoke('inventory:list', { status: 'approved', offset: 1, limit: 1 });
    if (!page.freshness.reading && page.freshness.unread === 0) return page.freshness;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`the approved and restricted lists were not read within ${timeoutMs} ms`);
};
