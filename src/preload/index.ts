/**
 * The narrow preload: exposes `window.admit`, one named function per contract channel and one
 * `on*` subscription per event that returns its unsubscribe function. ipcRenderer itself and the
 * Electron event object never reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ChannelName, EventName } from '../shared/contract';
import { buildApi } from '../shared/contract-names';
import type { Result } from '../shared/result';

const api = buildApi(
  (channel: ChannelName, input: unknown) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  (event: EventName, listener: (payload: unknown) => void) => {
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
);

contextBridge.exposeInMainWorld('admit', api);
