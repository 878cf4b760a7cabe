/**
 * The open details always follow the active row: loaded from `inbox.get` when the active row changes,
 * answers for a row no longer active dropped, a row main no longer has never asked for again.
 */
import type { AdmitApi } from '../../../shared/contract';
import type { AppStore } from './app-store';
import { signedInAccount } from './selectors';

/** Binds the details' loading to the API and the store. */
export const createDetailLoader = (api: AdmitApi, store: AppStore) => {
  const get = store.getState;
  let loadingId: string | null = null;
  let missingId: string | null = null;

  const ensure = (): void => {
    const { detailOpen, activeId, detail } = get();
    if (
      !detailOpen ||
      !activeId ||
      detail?.id === activeId ||
      loadingId === activeId ||
      missingId === activeId
    )
      return;
    loadingId = activeId;
    void api.inbox.get({ id: activeId }).then((result) => {
      if (loadingId === activeId) loadingId = null;
      if (get().activeId === activeId) {
        if (result.ok) get().setDetail(result.value);
        else if (result.error.code === 'not_found') missingId = activeId;
        else get().showError(result.error);
      }
      ensure();
    });
  };

  /** The open details compare with the lists of their workspace and the org: re-read when those change. */
  const refreshFor = (targets: readonly string[]): void => {
    const { detailOpen, detail } = get();
    const org = signedInAccount(get())?.enterpriseId;
    if (!detailOpen || !detail || !targets.some((t) => t === detail.teamId || t === org)) return;
    const id = detail.id;
    void api.inbox.get({ id }).then((result) => {
      if (result.ok && get().activeId === id) get().setDetail(result.value);
    });
  };

  return {
    /** Loads the active row's details if they are open and not loaded (or loading) yet. */
    ensure,
    refreshFor,
  };
};
