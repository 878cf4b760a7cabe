// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test-support/fake-api';
import { summary } from '../test-support/fixtures';
import { mountApp } from '../test-support/mount-app';
import { formatAge, requestedOn } from './format';
import { withWindowLayout } from '../test-support/window-layout';

// jsdom has no layout: give the virtualized list a viewport so it renders its rows.
withWindowLayout();

const DAY = 86_400;
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
/** Waiting days of each row: today, 2 d, 5 d (overdue), 7 w (overdue), 3 yr (overdue). */
const WAITING = [0, 2, 5, 49, 3 * 365 + 10];

const mount = async () => {
  const now = nowSeconds();
  const rows = WAITING.map((days, i) =>
    summary(i, { appName: `App ${i}`, createdAt: now - days * DAY - 60 }),
  );
  const fake = fakeApi(rows);
  const { store } = await mountApp(fake);
  await screen.findByRole('option', { name: /^App 4,/ });
  return { ...fake, rows, store };
};

const row = (name: string): HTMLElement => screen.getByRole('option', { name: new RegExp(`^${name},`) });

describe('request ages', () => {
  it('read naturally: today, days, weeks, then years', () => {
    const now = 1_800_000_000;
    expect(formatAge(now - 10, now)).toBe('today');
    expect(formatAge(now + 90, now)).toBe('today'); // a clock a little behind Slack's
    expect(formatAge(now - 3 * DAY, now)).toBe('3 d');
    expect(formatAge(now - 13 * DAY, now)).toBe('13 d');
    expect(formatAge(now - 14 * DAY, now)).toBe('2 wk');
    expect(formatAge(now - 49 * DAY, now)).toBe('7 wk');
    expect(formatAge(now - 61 * DAY, now)).toBe('2 mo');
    expect(formatAge(now - 155 * DAY, now)).toBe('5 mo');
    expect(formatAge(now - 364 * DAY, now)).toBe('11 mo');
    expect(formatAge(now - 365 * DAY, now)).toBe('1 yr');
    // The "158w" of before: three years and a few weeks.
    expect(formatAge(now - 158 * 7 * DAY, now)).toBe('3 yr');
  });

  it('marks overdue rows in words, in the row and in its accessible name', async () => {
    await mount();
    for (const name of ['App 2', 'App 3', 'App 4']) {
      expect(row(name).getAttribute('aria-label')).toContain('Overdue');
      expect(row(name).textContent).toContain('Overdue');
    }
    for (const name of ['App 0', 'App 1']) {
      expect(row(name).getAttribute('aria-label')).not.toContain('Overdue');
      expect(row(name).textContent).not.toContain('Overdue');
    }
  });

  it('shows the exact date behind an age on hover (title) and focus (description)', async () => {
    const { rows } = await mount();
    const old = rows[4]!;
    const age = screen.getByText('3 yr');
    expect(age.tagName).toBe('TIME');
    expect(age.getAttribute('title')).toBe(requestedOn(old.createdAt));
    expect(age.getAttribute('dateTime')).toBe(new Date(old.createdAt * 1000).toISOString());
    // A screen reader on the row hears the age and the exact date together.
    expect(row('App 4').getAttribute('aria-label')).toMatch(/, 3 yr, /);
    expect(
      row('App 4')
        .getAttribute('aria-label')
        ?.endsWith(`, ${requestedOn(old.createdAt)}`),
    ).toBe(true);
    expect(screen.getByText('7 wk')).toBeTruthy();
    // Opening the details shows the exact date in words.
    act(() => {
      fireEvent.keyDown(window, { key: 'End' });
      fireEvent.keyDown(window, { key: 'Enter' });
    });
    const details = await screen.findByRole('region', { name: 'Request details' });
    await vi.waitFor(() => expect(details.textContent).toContain(requestedOn(old.createdAt)));
  });

  it('filters to overdue requests and counts them in the status bar', async () => {
    await mount();
    expect(screen.getByText('3 overdue')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Overdue' }));
    expect(screen.getByText('3 of 5 match')).toBeTruthy();
    expect(screen.queryByRole('option', { name: /^App 0,/ })).toBeNull();
    expect(row('App 2')).toBeTruthy();
  });

  it('follows the overdue threshold from settings, and shows a managed one as such', async () => {
    const { store } = await mount();
    act(() =>
      store.getState().setSettings({
        ...store.getState().settings,
        singleKeyShortcuts: true,
        overdueAfterDays: 1,
        notifications: true,
        managed: ['overdueAfterDays'],
      }),
    );
    expect(screen.getByText('4 overdue')).toBeTruthy();
    expect(row('App 1').getAttribute('aria-label')).toContain('Overdue');
    act(() => {
      fireEvent.keyDown(window, { key: ',', ctrlKey: true });
    });
    const input = screen.getByRole('spinbutton', { name: /Overdue after/ }) as HTMLInputElement;
    expect(input.disabled).toBe(true);
    expect(input.value).toBe('1');
  });

  it('saves a new threshold through settings:set', async () => {
    const { api, store } = await mount();
    const set = vi.spyOn(api.settings, 'set');
    act(() => {
      fireEvent.keyDown(window, { key: ',', ctrlKey: true });
    });
    const input = screen.getByRole('spinbutton', { name: /Overdue after/ });
    fireEvent.change(input, { target: { value: '10' } });
    fireEvent.blur(input);
    expect(set).toHaveBeenCalledWith({ overdueAfterDays: 10 });
    await vi.waitFor(() => expect(store.getState().settings.overdueAfterDays).toBe(10));
    expect(screen.getByText('2 overdue')).toBeTruthy();
  });
});
