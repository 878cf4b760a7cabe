import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalRuleSchema, type ApprovalRuleInput, type RulesView } from '../../shared/rules';
import type { ActionView, InboxPage, SyncStatus } from '../../shared/view-types';
import { startSimulator, type Simulator } from '../../simulator';
import { startHarness, type Harness } from './test-support/service-harness';

let h: Harness;
let sim: Simulator | undefined;
afterEach(async () => {
  await h?.close();
  await sim?.close();
  sim = undefined;
});

const rule = (input: ApprovalRuleInput) => ApprovalRuleSchema.parse(input);

const refresh = (): Promise<SyncStatus> => h.call<SyncStatus>('inbox:refresh');
const inbox = async () => (await h.call<InboxPage>('inbox:list', { offset: 0, limit: 1000 })).items;
const decisions = () =>
  h.sim.state.calls.filter((c) =>
    ['admin.apps.approve', 'admin.apps.restrict', 'admin.apps.requests.cancel'].includes(c.method),
  );
const drained = (): Promise<unknown> =>
  h.waitFor('actions:changed', (d) => d.progress.total > 0 && d.progress.done === d.progress.total);

/** A simulator of the demo org, started before the service so a test can write policy about its apps. */
const startSim = async (): Promise<Simulator> => (sim = await startSimulator({ port: 0, rateScale: 60 }));

/** An app with no pending request in the simulator's backlog, and a workspace. */
const quietApp = (s: Simulator) => {
  const pendingApps = new Set([...s.state.pending.values()].map((r) => r.app.id));
  const app = [...s.state.apps.values()].find((e) => !pendingApps.has(e.app.id))!.app;
  const team = [...s.state.teams.values()][0]!;
  return { app, team };
};

describe('approval rules in the service', () => {
  it('a policy auto rule decides a request a sync brought, exactly once, and nothing else', async () => {
    const { app, team } = quietApp(await startSim());
    h = await startHarness({
      sim: sim!,
      policy: {
        approvalRules: [
          rule({ name: 'Trusted app', when: { appIds: [app.id] }, then: 'approve', apply: 'auto' }),
        ],
      },
    });
    await h.signIn();
    expect(decisions()).toEqual([]); // the backlog of the first sync is suggested, not decided
    const id = await h.addRequest(app.id, team.id);
    const done = drained();
    await refresh();
    await done;
    expect(decisions().map((c) => [c.method, c.params['request_id']])).toEqual([['admin.apps.approve', id]]);
    expect(h.sim.state.closed.get(id)?.outcome).toBe('approved');
    await refresh();
    await refresh();
    expect(decisions()).toHaveLength(1);
    const audit = JSON.parse(
      (await h.call<{ content: string }>('audit:export', { format: 'json' })).content,
    ) as {
      event: string;
      requestId: string;
      note: string;
      decidedBy: string;
    }[];
    const mine = audit.filter((e) => e.requestId === id);
    expect(mine.map((e) => e.event)).toEqual(['enqueued', 'done']);
    for (const e of mine) {
      expect(e.note).toBe('Decided by rule "Trusted app"');
      expect(e.decidedBy).toBe('rule "Trusted app"');
    }
  });

  it('a sync’s deltas carry the suggestions of the rules in force, and none without rules', async () => {
    const { app, team } = quietApp(await startSim());
    const managed = rule({ name: 'Suggest this one', when: { appIds: [app.id] }, then: 'approve' });
    h = await startHarness({ sim: sim!, policy: { approvalRules: [managed] } });
    await h.signIn();
    const id = await h.addRequest(app.id, team.id);
    const delta = h.waitFor('inbox:changed', (d) => d.changed.some((r) => r.id === id));
    await refresh();
    expect((await delta).changed.find((r) => r.id === id)?.suggestion?.rule).toBe('Suggest this one');
    await h.close();

    // No rules: the rows go out as the sync made them (their JSON passed through unparsed).
    h = await startHarness({ sim: sim! });
    await h.signIn();
    const other = await h.addRequest(app.id, team.id);
    const plain = h.waitFor('inbox:changed', (d) => d.changed.some((r) => r.id === other));
    await refresh();
    const row = (await plain).changed.find((r) => r.id === other);
    expect(row).toMatchObject({ id: other, appId: app.id, teamId: team.id });
    expect(row).not.toHaveProperty('suggestion');
  });

  it('shows a suggest rule on matching rows, counts it, and queues it when accepted', async () => {
    const appId = [...(await startSim()).state.pending.values()][0]!.app.id;
    const managed = rule({ name: 'Restrict this one', when: { appIds: [appId] }, then: 'restrict' });
    h = await startHarness({ sim: sim!, policy: { approvalRules: [managed] } });
    await h.signIn();
    const rows = await inbox();
    const matching = rows.filter((r) => r.appId === appId);
    for (const r of rows) {
      expect(r.suggestion?.text).toBe(
        r.appId === appId ? 'Suggested: Restrict (rule "Restrict this one")' : undefined,
      );
    }
    const view = await h.call<RulesView>('rules:list');
    expect(view.rules).toEqual([
      expect.objectContaining({ source: 'policy', matches: matching.length, rule: managed }),
    ]);

    // A personal draft is dry-run after the managed rule: first match wins, nothing is saved.
    const draft = await h.call<RulesView>('rules:dryRun', {
      rules: [{ name: 'All the rest', then: 'review' }],
    });
    expect(draft.rules.map((r) => [r.source, r.matches])).toEqual([
      ['policy', matching.length],
      ['personal', rows.length - matching.length],
    ]);
    expect((await h.call<RulesView>('rules:list')).rules).toHaveLength(1);
    await expect(
      h.call('rules:setPersonal', { rules: [{ name: 'Mine', then: 'approve', apply: 'auto' }] }),
    ).rejects.toThrow(/policy: .*"Mine" cannot decide by itself/);

    const queued = await h.call<ActionView[]>('rules:acceptSuggestions', { requestIds: [matching[0]!.id] });
    expect(queued).toEqual([
      expect.objectContaining({
        kind: 'restrict',
        requestId: matching[0]!.id,
        note: 'Suggested by rule "Restrict this one"',
      }),
    ]);
    await expect(
      h.call('rules:acceptSuggestions', { requestIds: [rows.find((r) => !r.suggestion)!.id] }),
    ).rejects.toThrow(/not_found/);
    const audit = JSON.parse(
      (await h.call<{ content: string }>('audit:export', { format: 'json' })).content,
    ) as { requestId: string; actorName: string; decidedBy: string }[];
    const entry = audit.find((e) => e.requestId === matching[0]!.id)!;
    expect(entry.decidedBy).toBe(`${entry.actorName}, accepting rule "Restrict this one"`);

    // Only main says a rule decided: the renderer cannot put a rule's name on its own decision.
    const other = rows.find((r) => !r.suggestion)!;
    await expect(
      h.call('actions:enqueue', {
        kind: 'restrict',
        appId: other.appId,
        requestId: other.id,
        target: { teamId: other.teamId },
        rule: { name: 'Restrict this one', by: 'rule' },
      }),
    ).rejects.toThrow(/invalid_input|rule/);
  });

  it('re-suggests every row when personal rules are saved', async () => {
    h = await startHarness();
    await h.signIn();
    const [first] = await inbox();
    const changed = h.waitFor('inbox:changed', (d) => d.changed.some((r) => r.suggestion?.rule === 'Mine'));
    await h.call('rules:setPersonal', {
      rules: [{ name: 'Mine', when: { appIds: [first!.appId] }, then: 'approve' }],
    });
    expect((await changed).changed.find((r) => r.id === first!.id)?.suggestion?.text).toBe(
      'Suggested: Approve (rule "Mine")',
    );
    expect((await inbox()).find((r) => r.id === first!.id)?.suggestion?.rule).toBe('Mine');
  });
});
