/** The connection and sync status, always visible, and the one place failures are shown. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from './context';
import { formatSince } from './format';
import { useNow } from './use-now';

/** Connection indicator, sync progress, and the central error notice. */
export const StatusBar = () => {
  const { sync, connection, notice, showError, signedIn } = useAppStore(
    useShallow((s) => ({
      sync: s.sync,
      connection: s.connection,
      notice: s.notice,
      showError: s.showError,
      signedIn: s.session?.status === 'signed_in',
    })),
  );
  const now = useNow();
  // Whichever of main's two reports is newer (sync progress arrives more often than connection changes).
  const lastSynced = Math.max(connection.lastSyncedAt ?? 0, sync.lastSyncedAt ?? 0) || null;
  const since = lastSynced ? `synced ${formatSince(lastSynced, now)}` : 'not synced yet';
  const state =
    connection.state === 'offline' ? 'Offline' : connection.state === 'online' ? 'Online' : 'Connecting';
  return (
    <footer className="status-bar">
      {signedIn && (
        <span role="status" aria-label="Connection" className={`connection ${connection.state}`}>
          <span className="dot" aria-hidden="true" />
          {state} · {since}
          {connection.state === 'offline' ? ' · decisions wait in the queue' : ''}
        </span>
      )}
      {sync.state === 'syncing' && (
        <span className="sync">
          <progress aria-label="Syncing requests" />
          Syncing… ({sync.done} pages)
        </span>
      )}
      {sync.state === 'error' && (
        <span className="sync error">Sync failed: {sync.error ?? 'unknown error'}</span>
      )}
      {notice && (
        <span role="alert" className="notice">
          {notice.message}
          <button type="button" className="link" onClick={() => showError(null)} aria-label="Dismiss message">
            ×
          </button>
        </span>
      )}
    </footer>
  );
};
