// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test-support/fake-api';
import { signedIn, summary } from '../test-support/fixtures';
import { mountApp } from '../test-support/mount-app';
import { withWindowLayout } from '../test-support/window-layout';

withWindowLayout();

const MEMORY_HINT = /Token kept in memory only/;
const account = (isDemo: boolean) => ({
  enterpriseId: 'E1',
  enterpriseName: 'Acme Corp',
  userName: 'dana',
  isDemo,
  tokenStorage: 'memory' as const,
});

describe('saying only what is true', () => {
  it('the demo org says nothing about a token it does not have; a real org kept in memory does', async () => {
    const fake = fakeApi([summary(0)]);
    await mountApp(fake);
    expect(screen.getByText('Demo')).toBeTruthy();
    expect(screen.queryByText(MEMORY_HINT)).toBeNull();
    act(() => fake.emit('session:changed', { ...signedIn(), account: account(false) }));
    expect(await screen.findByText(MEMORY_HINT)).toBeTruthy();
  });

  it('offline, the queue says it waits for Slack instead of a rate-limit estimate', async () => {
    const fake = fakeApi([summary(0)]);
    const { store } = await mountApp(fake);
    const delta = {
      changed: [],
      removed: [],
      status: { state: 'running' as const, label: '' },
      progress: { total: 3, done: 1, etaMs: 45_000 },
      today: { since: 0, done: 0 },
    };
    act(() => store.getState().applyQueueDelta(delta));
    const queue = screen.getByRole('region', { name: 'Action queue' });
    expect(queue.textContent).toContain('1 of 3 sent · about 45 s left (Slack rate limits)');
    act(() => fake.emit('connection:changed', { state: 'offline', lastSyncedAt: 1 }));
    expect(queue.textContent).toContain('1 of 3 sent · waiting for Slack to be reachable');
    expect(queue.textContent).not.toMatch(/45 s|rate limits/);
  });
});
