/** Small reads of the store's state that several controller pieces share. */
import type { AppState } from './app-store';

/** The signed-in account, or null. */
export const signedInAccount = (s: AppState) =>
  s.session?.status === 'signed_in' ? s.session.account : null;

/** Is the Requests view shown (rather than an inventory or the rules)? */
export const inRequests = (s: AppState): boolean => s.view === 'requests';
