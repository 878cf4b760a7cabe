/**
 * The typed IPC wrappers: the only place that touches ipcMain. Every channel of the contract is
 * registered through `handle`, which drops calls from untrusted senders and parses the input
 * before the service sees it. Events go out through `sendEvent` to our own windows only.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channelNames, type EventName, type EventPayload, type Handlers } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import { dispatch } from '../bridge/dispatch';
import { silentLogger, type Logger } from '../log';
import { describeSender, isTrustedSender } from './trusted-sender';

/** The invoke handler for one channel, exported for tests. A refused caller is logged, never answered. */
export const createInvokeHandler =
  (channel: string, handlers: () => Handlers, appOrigin: string, logger: Logger = silentLogger) =>
  async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame, appOrigin)) {
      logger.warn('ipc.refused_sender', { channel, ...describeSender(event.senderFrame) });
      return fail('untrusted_sender', `Refused ${channel}: the caller is not Admit's own window.`);
    }
    return dispatch(handlers(), channel, input);
  };

/** Registers every contract channel with ipcMain. */
export const registerIpc = (
  handlers: () => Handlers,
  appOrigin: string,
  logger: Logger = silentLogger,
): void => {
  for (const channel of channelNames) {
    ipcMain.handle(channel, createInvokeHandler(channel, handlers, appOrigin, logger));
  }
};

/** Pushes one contract event to a window's renderer. */
export const sendEvent = <E extends EventName>(
  window: BrowserWindow | null,
  event: E,
  payload: EventPayload<E>,
): void => {
  if (window && !window.isDestroyed()) window.webContents.send(event, payload);
};
