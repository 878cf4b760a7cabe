/** The one place a failed result goes: the store's `notice`, which the app shows. */
import type { Result } from '../../../shared/result';
import type { AppStore } from './app-store';

/** A result's value, or undefined after showing its error. */
export type Unwrap = <T>(result: Result<T>) => T | undefined;

/** Binds `unwrap` to a store. */
export const createUnwrap =
  (store: AppStore): Unwrap =>
  <T>(result: Result<T>): T | undefined => {
    if (result.ok) return result.value;
    store.getState().showError(result.error);
    return undefined;
  };
