// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RulesView as RulesModel } from '../../../shared/rules';
import type { Controller } from '../store/controller';
import { fakeApi } from '../test-support/fake-api';
import { actionView, summary } from '../test-support/fixtures';
import { mountApp } from '../test-support/mount-app';
import { ControllerContext } from './context';
import { RulesView } from './RulesView';
import { withWindowLayout } from '../test-support/window-layout';

withWindowLayout();

/** Every item's position, set size and accessible name, in document order. */
const positions = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((li) => [
      li.getAttribute('aria-posinset'),
      li.getAttribute('aria-setsize'),
      li.getAttribute('aria-label'),
    ]);

describe('every list says where the reader is', () => {
  it('the queue: position, size and everything the item shows', async () => {
    const { store } = await mountApp(fakeApi([summary(0)]));
    act(() =>
      store.getState().setQueue({
        actions: [
          actionView('q1', { label: 'Approve Zoom on Acme HQ', enqueuedAt: 1 }),
          actionView('q2', {
            label: 'Restrict Miro on Sales',
            state: 'conflict',
            reason: 'Another admin approved it first.',
            note: 'ticket 42',
            enqueuedAt: 2,
          }),
        ],
        status: { state: 'running', label: '' },
        progress: { total: 0, done: 0, etaMs: null },
        today: { since: 0, done: 0 },
      }),
    );
    // Newest first.
    expect(positions(screen.getByRole('list', { name: 'Queued actions' }))).toEqual([
      ['1', '2', 'Restrict Miro on Sales: Conflict. Another admin approved it first.. Note: ticket 42'],
      ['2', '2', 'Approve Zoom on Acme HQ: Pending'],
    ]);
  });

  it('the rules: position, size, outcome, where it comes from, its conditions and what it matches', async () => {
    const view: RulesModel = {
      rules: [
        {
          rule: {
            name: 'Block Zoom',
            when: { appIds: ['A0'] },
            then: 'restrict',
            apply: 'suggest',
            level: 'org',
          },
          source: 'policy',
          matches: 1,
          sample: ['Zoom'],
        },
        {
          rule: { name: 'Everything else', when: {}, then: 'review', apply: 'suggest', level: 'workspace' },
          source: 'personal',
          matches: 0,
          sample: [],
        },
      ],
      allowPersonalAuto: false,
      problems: [],
    };
    const ok = () => Promise.resolve({ ok: true as const, value: view });
    const controller = { rules: { list: ok, dryRun: ok, save: ok } } as unknown as Controller;
    render(
      <ControllerContext.Provider value={controller}>
        <RulesView />
      </ControllerContext.Provider>,
    );
    const list = await screen.findByRole('list', { name: 'Approval rules' });
    expect(positions(list)).toEqual([
      [
        '1',
        '2',
        'Block Zoom: Restrict for the whole org, as a suggestion. Managed by your organization. When appIds: A0. Matches 1 pending request now: Zoom',
      ],
      ['2', '2', 'Everything else: Leave for review. Every request. Matches no pending request now'],
    ]);
  });
});
