/** The connection and sync status, always visible, and the one place failures are shown. */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { countOverdue } from '../store/overdue';
import type { SyncStatus } from '../../../shared/view-types';
import { useAppStore } from './context';
import { formatSince } from './format';
import { useNow } from './use-now';

/**
 * "Synced 18 of 21 workspaces · 3 failed" when the last sync could not read everything (the whole
 * org counts as one of them); null when it read everything.
 */
export const partialSyncLabel = (sync: SyncStatus): string | null => {
  const t = sync.targets;
  if (t.total === 0 || (t.failed === 0 && t.partial === 0)) return null;
  const parts = [`Synced ${t.complete + t.partial} of ${t.total} workspaces`];
  if (t.failed > 0) parts.push(`${t.failed} failed`);
  if (t.partial > 0) parts.push(`${t.partial} incomplete`);
  return parts.join(' · ');
};

/** The last sync's problems, behind a summary that says how partial it was. */
const PartialSync = ({ label, problems }: { label: string; problems: string[] }) => (
  <details className="sync partial">
    <summary>{label}</summary>
    <ul aria-label="Sync problems">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  </details>
);

/** Connection indicator, sync progress, and the central error notice. */
export const StatusBar = () => {
  const { sync, connection, notice, showError, signedIn, byId, overdueAfterDays } = useAppStore(
    useShallow((s) => ({
      byId: s.byId,
      overdueAfterDays: s.settings.overdueAfterDays,
      sync: s.sync,
      connection: s.connection,
      notice: s.notice,
      showError: s.showError,
      signedIn: s.session?.status === 'signed_in',
    })),
  );
  const now = useNow();
  const minute = Math.floor(now / 60_000) * 60;
  const overdue = useMemo(
    () => countOverdue(byId.values(), minute, overdueAfterDays),
    [byId, minute, overdueAfterDays],
  );
  // Whichever of main's two reports is newer (sync progress arrives more often than connection changes).
  const lastSynced = Math.max(connection.lastSyncedAt ?? 0, sync.lastSyncedAt ?? 0) || null;
  const partial = partialSyncLabel(sync);
  const since = lastSynced
    ? `${partial ? 'last complete sync' : 'synced'} ${formatSince(lastSynced, now)}`
    : partial
      ? 'no complete sync yet'
      : 'not synced yet';
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
      {signedIn && overdue > 0 && (
        <span className="overdue-count" title={`Waiting more than ${overdueAfterDays} days`}>
          {overdue} overdue
        </span>
      )}
      {sync.state === 'syncing' && (
        <span className="sync">
          <progress aria-label="Syncing requests" />
          Syncing… ({sync.done} pages)
        </span>
      )}
      {signedIn && partial && sync.state !== 'syncing' && (
        <PartialSync label={partial} problems={sync.problems} />
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
