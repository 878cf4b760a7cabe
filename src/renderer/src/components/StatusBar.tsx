/** The connection and sync status, always visible. */
import { useAppStore } from './context';
import { formatSince } from './format';
import { useNow } from './use-now';

/** Sync state, last synced time, and the central error notice. */
export const StatusBar = () => {
  const sync = useAppStore((s) => s.sync);
  const notice = useAppStore((s) => s.notice);
  const showError = useAppStore((s) => s.showError);
  const now = useNow();
  const text =
    sync.state === 'syncing'
      ? `Syncing… (${sync.done} pages)`
      : sync.state === 'error'
        ? `Sync failed: ${sync.error ?? 'unknown error'}`
        : sync.lastSyncedAt
          ? `Synced ${formatSince(sync.lastSyncedAt, now)}`
          : 'Not synced yet';
  return (
    <footer className="status-bar">
      <span role="status" className={`sync ${sync.state}`}>
        {text}
      </span>
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
