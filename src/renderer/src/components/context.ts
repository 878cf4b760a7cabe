/** React access to the app's store and controller. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '../store/app-store';
import type { Controller } from '../store/controller';

export const StoreContext = createContext<AppStore | null>(null);
export const ControllerContext = createContext<Controller | null>(null);

/** The store itself, for event handlers that read state without subscribing. */
export const useStoreApi = (): AppStore => {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>');
  return store;
};

/** Selects from the app store. */
export const useAppStore = <T>(selector: (state: AppState) => T): T => useStore(useStoreApi(), selector);

/** The controller that talks to main. */
export const useController = (): Controller => {
  const controller = useContext(ControllerContext);
  if (!controller) throw new Error('useController outside <ControllerContext.Provider>');
  return controller;
};
