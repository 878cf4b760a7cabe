/** The renderer's one handle on main, the same typed object in both hosts. */
import type { AdmitApi } from '../../../shared/contract';
import { createHttpApi, takeLaunchKey } from './http-api';

declare global {
  // A global augmentation has to be an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    admit?: AdmitApi;
  }
}

/** The preload's `window.admit` in Electron, the HTTP bridge in the browser host. */
export const resolveApi = (): AdmitApi | null => {
  if (window.admit) return window.admit;
  const key = takeLaunchKey(window.location, window.sessionStorage, window.history);
  return key ? createHttpApi(key) : null;
};
