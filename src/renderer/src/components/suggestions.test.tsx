// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { RuleSuggestion } from '../../../shared/rules';
import { fakeApi } from '../test-support/fake-api';
import { actionView, summary } from '../test-support/fixtures';
import { mountApp, press } from '../test-support/mount-app';
import { withWindowLayout } from '../test-support/window-layout';

// jsdom has no layout: give the virtualized list a viewport so it renders its rows.
withWindowLayout();

const restrictZoom: RuleSuggestion = {
  rule: 'No meeting bots',
  then: 'restrict',
  level: 'workspace',
  apply: 'suggest',
  text: 'Suggested: Restrict (rule "No meeting bots")',
};
const approveMiro: RuleSuggestion = {
  ...restrictZoom,
  rule: 'Boards',
  then: 'approve',
  text: 'Suggested: Approve (rule "Boards")',
};

const mount = async () => {
  const rows = [
    summary(0, { appName: 'Zoom', suggestion: restrictZoom }),
    summary(1, { appName: 'Miro', suggestion: approveMiro }),
    summary(2, { appName: 'Figma' }),
  ];
  const acceptSuggestions = vi.fn(({ requestIds }: { requestIds: string[] }) =>
    Promise.resolve({
      ok: true as const,
      value: requestIds.map((id, i) => actionView(`s${i}`, { requestId: id })),
    }),
  );
  const fake = fakeApi(rows, { handlers: { 'rules:acceptSuggestions': acceptSuggestions } });
  const { store } = await mountApp(fake);
  await screen.findByRole('option', { name: /^Zoom,/ });
  return { acceptSuggestions, rows, store };
};

describe('rule suggestions on inbox rows', () => {
  it('show the rule and its outcome in words, also in the row’s accessible name', async () => {
    await mount();
    const zoom = screen.getByRole('option', { name: /^Zoom,/ });
    expect(zoom.getAttribute('aria-label')).toContain('Suggested: Restrict (rule "No meeting bots")');
    expect(within(zoom).getByText('Suggested: Restrict (rule "No meeting bots")')).toBeTruthy();
    const figma = screen.getByRole('option', { name: /^Figma,/ });
    expect(figma.getAttribute('aria-label')).not.toContain('Suggested');
  });

  it('are accepted for the active row with one key, s', async () => {
    const { acceptSuggestions, rows, store } = await mount();
    expect(store.getState().activeId).toBe(rows[0]!.id);
    await press('s');
    await vi.waitFor(() => expect(acceptSuggestions).toHaveBeenCalledWith({ requestIds: [rows[0]!.id] }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('announcer').textContent).toBe(
        'Restrict (rule "No meeting bots") queued for Zoom',
      ),
    );
  });

  it('are all accepted from the palette, skipping rows without one', async () => {
    const { acceptSuggestions, rows } = await mount();
    await press('k', { ctrlKey: true });
    const palette = screen.getByRole('dialog', { name: 'Command palette' });
    fireEvent.change(within(palette).getByRole('combobox'), { target: { value: 'accept all suggestions' } });
    fireEvent.keyDown(within(palette).getByRole('combobox'), { key: 'Enter' });
    await vi.waitFor(() =>
      expect(acceptSuggestions).toHaveBeenCalledWith({ requestIds: [rows[0]!.id, rows[1]!.id] }),
    );
  });

  it('are accepted with a second Enter, once the details are open, and not on a row without one', async () => {
    const { acceptSuggestions, rows, store } = await mount();
    await press('Enter');
    const details = await screen.findByRole('region', { name: 'Request details' });
    expect(acceptSuggestions).not.toHaveBeenCalled(); // the first Enter only shows the details
    await vi.waitFor(() =>
      expect(within(details).getByText('Suggested: Restrict (rule "No meeting bots")')).toBeTruthy(),
    );
    expect(within(details).getByRole('button', { name: /Accept suggestion/ })).toBeTruthy();
    await press('Enter');
    await vi.waitFor(() => expect(acceptSuggestions).toHaveBeenCalledWith({ requestIds: [rows[0]!.id] }));

    store.getState().setActive(rows[2]!.id); // Figma: no rule suggests anything
    await press('Enter');
    await press('Enter');
    expect(acceptSuggestions).toHaveBeenCalledTimes(1);
    expect(within(details).queryByRole('button', { name: /Accept suggestion/ })).toBeNull();
  });
});
