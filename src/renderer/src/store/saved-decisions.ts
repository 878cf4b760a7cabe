/** "Review and re-queue": decisions saved from a damaged database, listed, re-queued or dismissed. */
import type { AdmitApi } from '../../../shared/contract';
import type { AppStore } from './app-store';
import type { Unwrap } from './unwrap';

/** Binds the saved decisions to the API and the store. */
export const createSavedDecisions = (api: AdmitApi, store: AppStore, unwrap: Unwrap) => {
  const get = store.getState;

  const load = async (): Promise<void> => {
    let result;
    try {
      result = await api.recovery.list();
    } catch {
      return; // an API without the recovery channels (test fakes written before them): nothing saved
    }
    const saved = unwrap(result);
    if (saved) get().setSaved(saved);
  };

  return {
    /** Reads the files of saved decisions into the store. */
    load,
    /** "Review and re-queue": decisions saved from a damaged database. */
    openReview: (): void => get().setOverlay({ kind: 'review' }),
    /** Puts saved decisions back in the queue as needs attention; says what was skipped and why. */
    requeueSaved: async (file: string, ids: string[]): Promise<void> => {
      const result = unwrap(await api.recovery.requeue({ file, ids }));
      await load();
      if (!result) return;
      const n = result.requeued.length;
      get().announce(`${n} decision${n === 1 ? '' : 's'} back in the queue, waiting for you to retry`);
      if (result.skipped.length > 0) {
        const why = result.skipped.map((s) => s.reason).join(' ');
        get().showError({ code: 'invalid_input', message: `${result.skipped.length} not re-queued: ${why}` });
      }
      if (get().saved.length === 0) get().setOverlay(null);
    },
    /** Hides a file of saved decisions from review (it stays on disk). */
    dismissSaved: async (file: string): Promise<void> => {
      unwrap(await api.recovery.dismiss({ file }));
      await load();
      if (get().saved.length === 0) get().setOverlay(null);
    },
  };
};
