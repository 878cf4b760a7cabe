/** The "Action queue" region: every queued decision, its state in words, and what can be done about it. */
import { useShallow } from 'zustand/react/shallow';
import type { ActionView, QueueView } from '../../../shared/view-types';
import { useAppStore, useController } from './context';
import { actionStateLabel, formatEta } from './format';

/** What a screen reader hears for a queued action: everything the item shows, in its order. */
export const actionItemLabel = (action: ActionView): string =>
  [
    `${action.label}: ${actionStateLabel[action.state]}`,
    action.reason ?? '',
    action.note ? `Note: ${action.note}` : '',
  ]
    .filter(Boolean)
    .join('. ');

const ActionItem = ({
  action,
  posinset,
  setsize,
}: {
  action: ActionView;
  posinset: number;
  setsize: number;
}) => {
  const controller = useController();
  const stuck = action.state === 'conflict' || action.state === 'needs_attention';
  return (
    <li
      className={`queue-item state-${action.state}`}
      aria-label={actionItemLabel(action)}
      aria-posinset={posinset}
      aria-setsize={setsize}
    >
      <div className="queue-line">
        <span className="queue-label">{action.label}</span>
        <span className={`badge state-${action.state}`}>{actionStateLabel[action.state]}</span>
      </div>
      {action.reason && <div className="queue-reason">{action.reason}</div>}
      {action.note && <div className="meta">Note: {action.note}</div>}
      {(action.state === 'pending' || stuck) && (
        <div className="queue-buttons">
          {action.state === 'pending' && (
            <button
              type="button"
              className="small"
              onClick={() => void controller.undo(action.id)}
              aria-label={`Undo ${action.label}`}
            >
              Undo
            </button>
          )}
          {stuck && (
            <>
              <button
                type="button"
                className="small"
                onClick={() => void controller.retry(action.id)}
                aria-label={`Retry ${action.label}`}
              >
                Retry
              </button>
              <button
                type="button"
                className="small"
                onClick={() => void controller.discard(action.id)}
                aria-label={`Discard ${action.label}`}
              >
                Discard
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
};

/** Why the queue waits (its status label) and, while it sends, how far it got and how long is left. */
const QueueProgressLine = ({
  label,
  progress,
  offline,
}: {
  label: string;
  progress: QueueView['progress'];
  offline: boolean;
}) => {
  const draining = progress.total > 0 && progress.done < progress.total;
  return (
    <div className="queue-status">
      {label && <div className="meta">{label}</div>}
      {draining && (
        <>
          <progress
            max={progress.total}
            value={progress.done}
            aria-label="Sending queued actions"
            aria-valuetext={`${progress.done} of ${progress.total} sent`}
          />
          <div className="meta">
            {progress.done} of {progress.total} sent
            {/* Offline, a rate-limit estimate would be a guess about a Slack that cannot be reached. */}
            {offline
              ? ' · waiting for Slack to be reachable'
              : progress.etaMs !== null
                ? ` · about ${formatEta(progress.etaMs)} left (Slack rate limits)`
                : ''}
          </div>
        </>
      )}
    </div>
  );
};

/** The queue panel, newest first. */
export const QueuePanel = () => {
  const controller = useController();
  const { actions, status, progress, offline, collapsed } = useAppStore(
    useShallow((s) => ({
      actions: s.actions,
      status: s.queueStatus,
      progress: s.progress,
      offline: s.connection.state === 'offline',
      collapsed: s.settings.queueCollapsed,
    })),
  );
  const shown = [...actions].reverse();
  const toggle = (
    <button
      type="button"
      className="small queue-toggle"
      aria-expanded={!collapsed}
      aria-controls={collapsed ? undefined : 'queue-body'}
      onClick={() => void controller.preferences.setQueueCollapsed(!collapsed)}
    >
      {collapsed ? 'Show' : 'Hide'}
    </button>
  );
  if (collapsed) {
    // A strip: what waits is still said, in words, and the panel is one click away.
    const waiting = actions.filter((a) => a.state !== 'done').length;
    return (
      <section className="queue collapsed" aria-labelledby="queue-title">
        <header className="queue-header">
          <h2 id="queue-title">Action queue</h2>
          {toggle}
        </header>
        <p className="queue-strip meta">{waiting === 0 ? 'Nothing waiting' : `${waiting} waiting`}</p>
      </section>
    );
  }
  return (
    <section className="queue" aria-labelledby="queue-title">
      <header className="queue-header">
        <h2 id="queue-title">Action queue</h2>
        <span className="count">{actions.length}</span>
        {toggle}
      </header>
      <div id="queue-body" className="queue-body">
        <QueueProgressLine label={status.label} progress={progress} offline={offline} />
        {shown.length === 0 ? (
          <p className="empty">Nothing queued. Decisions you make appear here until Slack confirms them.</p>
        ) : (
          <ul className="queue-list" aria-label="Queued actions">
            {shown.map((a, i) => (
              <ActionItem key={a.id} action={a} posinset={i + 1} setsize={shown.length} />
            ))}
          </ul>
        )}
        <footer className="queue-footer">
          <span>Export audit log</span>
          <button type="button" className="small" onClick={() => void controller.exportAudit('csv')}>
            CSV
          </button>
          <button type="button" className="small" onClick={() => void controller.exportAudit('json')}>
            JSON
          </button>
        </footer>
      </div>
    </section>
  );
};
