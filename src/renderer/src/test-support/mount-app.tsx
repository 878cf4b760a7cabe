/** The whole App rendered over a fake API, as the component tests drive it. */
import { act, fireEvent, render } from '@testing-library/react';
import { expect, vi } from 'vitest';
import { App } from '../components/App';
import { ControllerContext, StoreContext } from '../components/context';
import { createAppStore } from '../store/app-store';
import { createController } from '../store/controller';
import type { fakeApi } from './fake-api';

/** Renders the App with a fresh store and controller over `fake`, once its first load is in. */
export const mountApp = async (fake: ReturnType<typeof fakeApi>) => {
  const store = createAppStore();
  const controller = createController(fake.api, store, { open: vi.fn() } as unknown as Window);
  controller.start();
  render(
    <StoreContext.Provider value={store}>
      <ControllerContext.Provider value={controller}>
        <App />
      </ControllerContext.Provider>
    </StoreContext.Provider>,
  );
  await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
  return { store, controller };
};

/** Presses a key on the window, where the shortcut handlers listen. */
export const press = (key: string, init: KeyboardEventInit = {}) =>
  act(() => {
    fireEvent.keyDown(window, { key, ...init });
  });
