// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test-support/fake-api';
import { summary } from '../test-support/fixtures';
import { mountApp } from '../test-support/mount-app';
import { withWindowLayout } from '../test-support/window-layout';

withWindowLayout();

const CACHED = 'data:image/png;base64,iVBORw0KGgo=';
const url = (i: number): string => `https://avatars.slack-edge.com/sim/A${i}_64.png`;

describe('app icons', () => {
  it('shows main’s cached copy, never the remote URL, and the letter where there is none', async () => {
    // App 0's icon is cached, App 1's cannot be had, App 2 has none at all; App 3 shares App 0's.
    const rows = [0, 1, 2, 3].map((i) =>
      summary(i, { appIconUrl: i === 2 ? '' : url(i === 3 ? 0 : i), appName: `App ${i}` }),
    );
    const fake = fakeApi(rows, { icons: { [url(0)]: CACHED } });
    await mountApp(fake);
    const container = document.body;
    const option = (name: string) => screen.getByRole('option', { name: new RegExp(`^${name},`) });
    await vi.waitFor(() => expect(option('App 0').querySelector('img')?.getAttribute('src')).toBe(CACHED));
    expect(option('App 3').querySelector('img')?.getAttribute('src')).toBe(CACHED);
    for (const name of ['App 1', 'App 2']) {
      expect(option(name).querySelector('img')).toBeNull();
      expect(option(name).querySelector('.letter')?.getAttribute('data-letter')).toBe('A');
    }
    for (const img of container.querySelectorAll('img')) expect(img.getAttribute('src')).toMatch(/^data:/);
    // Each URL asked for once, the empty one never.
    expect(fake.calls.iconGet.mock.calls.map(([input]) => input.url).sort()).toEqual([url(0), url(1)]);
  });

  it('refuses anything from main that is not a raster data: URL', async () => {
    const rows = [summary(0, { appIconUrl: url(0) })];
    const fake = fakeApi(rows, { icons: { [url(0)]: 'https://evil.example/x.svg' } });
    await mountApp(fake);
    await vi.waitFor(() => expect(fake.calls.iconGet).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 0));
    expect(document.querySelector('img')).toBeNull();
  });
});
