// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store/app-store';
import { createController } from '../store/controller';
import { fakeApi } from '../test-support/fake-api';
import { ConnectScreen } from './ConnectScreen';
import { ControllerContext, StoreContext } from './context';
import { slackAppManifestText, slackAppManifestUrl } from './slack-app-manifest';

afterEach(cleanup);

describe('the Slack app setup on the connect screen', () => {
  it('opens Slack\'s "create from manifest" page with the manifest, and shows it to copy', async () => {
    const fake = fakeApi([]);
    const store = createAppStore();
    const open = vi.fn();
    const controller = createController(fake.api, store, { open } as unknown as Window);
    render(
      <StoreContext.Provider value={store}>
        <ControllerContext.Provider value={controller}>
          <ConnectScreen />
        </ControllerContext.Provider>
      </StoreContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create the Slack app from this manifest' }));
    await vi.waitFor(() =>
      expect(fake.calls.openExternal).toHaveBeenCalledWith({ url: slackAppManifestUrl }),
    );
    // The browser host opens it in a tab when main does not.
    await vi.waitFor(() =>
      expect(open).toHaveBeenCalledWith(slackAppManifestUrl, '_blank', 'noopener,noreferrer'),
    );
    const url = new URL(slackAppManifestUrl);
    expect(url.origin + url.pathname).toBe('https://api.slack.com/apps');
    expect(url.searchParams.get('new_app')).toBe('1');
    expect(JSON.parse(url.searchParams.get('manifest_json') ?? '')).toEqual(JSON.parse(slackAppManifestText));
    expect(slackAppManifestUrl.length).toBeLessThanOrEqual(2048); // app:openExternal's limit
    expect(screen.getByLabelText('Slack app manifest').textContent).toBe(slackAppManifestText);
  });
});
