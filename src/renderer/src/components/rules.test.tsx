// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalRule, RuleView, RulesView } from '../../../shared/rules';
import type { RequestSummary } from '../../../shared/view-types';
import { fakeApi } from '../test-support/fake-api';
import { summary } from '../test-support/fixtures';
import { mountApp, press } from '../test-support/mount-app';

afterEach(cleanup);

const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });

const managed: ApprovalRule = {
  name: 'Block Zoom',
  when: { appIds: ['A0'] },
  then: 'restrict',
  apply: 'suggest',
  level: 'org',
};

/** A stand-in for main's rules channels: first match by app ID over the fixture rows. */
const fakeRules = (rows: RequestSummary[], options: { allowAuto?: boolean } = {}) => {
  let personal: ApprovalRule[] = [];
  const fill = (r: Partial<ApprovalRule>): ApprovalRule => ({
    when: {},
    apply: 'suggest',
    level: 'workspace',
    then: 'review',
    name: '',
    ...r,
  });
  const view = (mine: ApprovalRule[], problems: string[] = []): RulesView => {
    const all = [
      ...[managed].map((rule) => ({ rule, source: 'policy' as const })),
      ...mine.map((rule) => ({ rule, source: 'personal' as const })),
    ];
    const counted: RuleView[] = all.map((e) => ({ ...e, matches: 0, sample: [] }));
    for (const row of rows) {
      const i = all.findIndex((e) => !e.rule.when.appIds || e.rule.when.appIds.includes(row.appId));
      const entry = counted[i];
      if (!entry) continue;
      entry.matches++;
      if (entry.sample.length < 3) entry.sample.push(row.appName);
    }
    return { rules: counted, allowPersonalAuto: options.allowAuto ?? false, problems };
  };
  const check = (rules: unknown[]) => {
    const good = (rules as Partial<ApprovalRule>[]).filter((r) => typeof r.name === 'string' && r.then);
    const problems =
      rules.length === good.length ? [] : ['rule 1: name: must be a name; this rule is ignored'];
    return { rules: good.map(fill), problems };
  };
  return {
    list: vi.fn(() => ok(view(personal))),
    dryRun: vi.fn(({ rules }: { rules: unknown[] }) => {
      const c = check(rules);
      return ok(view(c.rules, c.problems));
    }),
    setPersonal: vi.fn(({ rules }: { rules: unknown[] }) => {
      const c = check(rules);
      if (!options.allowAuto && c.rules.some((r) => r.apply === 'auto')) {
        return Promise.resolve({
          ok: false as const,
          error: {
            code: 'policy' as const,
            message: 'Your organization allows personal rules to suggest only.',
          },
        });
      }
      personal = c.rules;
      return ok(view(personal));
    }),
  };
};

const mount = async () => {
  const rows = [
    summary(0, { appName: 'Zoom' }),
    summary(1, { appName: 'Miro' }),
    summary(2, { appName: 'Figma' }),
  ];
  const rules = fakeRules(rows);
  const fake = fakeApi(rows, {
    handlers: {
      'rules:list': rules.list,
      'rules:dryRun': rules.dryRun,
      'rules:setPersonal': rules.setPersonal,
    },
  });
  const { store } = await mountApp(fake);
  return { rules, store };
};

const ruleItems = () => within(screen.getByRole('list', { name: 'Approval rules' })).getAllByRole('listitem');

describe('the Rules view', () => {
  it('is a tab reached with g u, listed in ? and the palette', async () => {
    await mount();
    await press('g');
    await press('u');
    expect(await screen.findByRole('tabpanel', { name: 'Rules' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Rules' }).getAttribute('aria-selected')).toBe('true');
    await press('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const row = within(help).getByText('Go to Approval rules').closest('.help-row') as HTMLElement;
    expect(within(row).getByText('g then u')).toBeTruthy();
  });

  it('marks managed rules and shows what each would decide now', async () => {
    await mount();
    fireEvent.click(screen.getByRole('tab', { name: 'Rules' }));
    await screen.findByRole('list', { name: 'Approval rules' });
    const [first] = ruleItems();
    expect(first!.getAttribute('aria-label')).toMatch(
      /^Block Zoom: Restrict for the whole org, as a suggestion. Managed by your organization/,
    );
    expect(within(first!).getByText('Managed by your organization')).toBeTruthy();
    expect(within(first!).getByText('Matches 1 pending request now: Zoom')).toBeTruthy();
  });

  it('re-runs the counts at once on every edit, first match first, and saves', async () => {
    const { rules } = await mount();
    fireEvent.click(screen.getByRole('tab', { name: 'Rules' }));
    await screen.findByRole('list', { name: 'Approval rules' });
    const editor = screen.getByRole('textbox', { name: /Your rules \(JSON\)/ });

    fireEvent.change(editor, { target: { value: '[{"name": "Everything else", "then": "approve"}]' } });
    expect(rules.dryRun).toHaveBeenLastCalledWith({ rules: [{ name: 'Everything else', then: 'approve' }] });
    await vi.waitFor(() => expect(ruleItems()).toHaveLength(2));
    expect(within(ruleItems()[1]!).getByText('Matches 2 pending requests now: Miro, Figma')).toBeTruthy();
    expect(within(ruleItems()[1]!).queryByText('Managed by your organization')).toBeNull();

    fireEvent.change(editor, {
      target: { value: '[{"name": "Only Miro", "then": "approve", "when": {"appIds": ["A1"]}}]' },
    });
    await vi.waitFor(() =>
      expect(within(ruleItems()[1]!).getByText('Matches 1 pending request now: Miro')).toBeTruthy(),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Save my rules' }));
    expect(await screen.findByText('Your rules are saved.')).toBeTruthy();
    expect(rules.setPersonal).toHaveBeenCalledWith({
      rules: [{ name: 'Only Miro', then: 'approve', when: { appIds: ['A1'] } }],
    });
  });

  it('keeps a draft typed before the rules finished loading', async () => {
    const { rules } = await mount();
    let finish: () => void = () => undefined;
    const loaded = rules.list.getMockImplementation()!;
    rules.list.mockImplementationOnce(
      () => new Promise((resolve) => (finish = () => resolve(loaded() as never))) as never,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Rules' }));
    const editor = await screen.findByRole('textbox', { name: /Your rules \(JSON\)/ });
    const draft = '[{"name": "Everything else", "then": "approve"}]';
    fireEvent.change(editor, { target: { value: draft } });
    await act(async () => finish());
    expect((editor as HTMLTextAreaElement).value).toBe(draft);
  });

  it('says what is wrong with a draft and refuses what policy forbids', async () => {
    await mount();
    fireEvent.click(screen.getByRole('tab', { name: 'Rules' }));
    await screen.findByRole('list', { name: 'Approval rules' });
    const editor = screen.getByRole('textbox', { name: /Your rules \(JSON\)/ });
    const saveButton = screen.getByRole('button', { name: 'Save my rules' }) as HTMLButtonElement;

    fireEvent.change(editor, { target: { value: '[{"name": ' } });
    expect(screen.getByText(/^Not valid JSON/)).toBeTruthy();
    expect(saveButton.disabled).toBe(true);

    fireEvent.change(editor, { target: { value: '[{"then": "approve"}]' } });
    const problems = await screen.findByRole('list', { name: 'Problems with your rules' });
    expect(within(problems).getByText('rule 1: name: must be a name; this rule is ignored')).toBeTruthy();
    expect(saveButton.disabled).toBe(true);

    fireEvent.change(editor, { target: { value: '[{"name": "Auto", "then": "approve", "apply": "auto"}]' } });
    await vi.waitFor(() => expect(saveButton.disabled).toBe(false));
    expect(screen.getByText(/allows your rules to suggest only/)).toBeTruthy();
    fireEvent.click(saveButton);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your organization allows personal rules to suggest only.',
    );
  });
});
