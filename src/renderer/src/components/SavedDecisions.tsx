/**
 * "Review and re-queue": decisions saved from a damaged database, put back in the queue as needs
 * attention, so none is sent until the admin has checked Slack and retried it. Loaded on demand
 * (lazy.tsx); the notice that offers the review is DataNotices.tsx.
 */
import { useId, useState } from 'react';
import type { SavedActionsView, SavedActionView } from '../../../shared/view-types';
import { useAppStore, useController } from './context';
import { Dialog } from './Dialog';

const when = (ms: number | null): string => (ms === null ? 'unknown' : new Date(ms).toLocaleString());

const SavedRow = ({
  action,
  checked,
  onToggle,
  posinset,
  setsize,
}: {
  action: SavedActionView;
  checked: boolean;
  onToggle: () => void;
  posinset: number;
  setsize: number;
}) => (
  <li className={`queue-item saved-${action.status}`} aria-posinset={posinset} aria-setsize={setsize}>
    <label className="setting">
      <input type="checkbox" disabled={action.status !== 'ready'} checked={checked} onChange={onToggle} />
      <span className="queue-label">{action.label}</span>
    </label>
    {action.savedState === 'sending' && (
      <div className="queue-reason">
        It was being sent when the database was damaged: it may have reached Slack.
      </div>
    )}
    {action.note && <div className="meta">Note: {action.note}</div>}
    <div className="meta">
      {action.actorName ? `${action.actorName} · ` : ''}queued {when(action.enqueuedAt)}
    </div>
    {action.detail && <div className="meta">{action.detail}</div>}
  </li>
);

const SavedFile = ({ file }: { file: SavedActionsView }) => {
  const controller = useController();
  const titleId = useId();
  const ready = file.actions.filter((a) => a.status === 'ready');
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const chosen = ready.filter((a) => !unchecked.has(a.id)).map((a) => a.id);
  const toggle = (id: string): void =>
    setUnchecked((before) => {
      const next = new Set(before);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>Saved {when(file.savedAt)}</h3>
      <p className="meta">
        Why: {file.reason}. File: {file.path}
      </p>
      <ul className="queue-list" aria-label={`Saved decisions, ${when(file.savedAt)}`}>
        {file.actions.map((a, i) => (
          <SavedRow
            key={a.id}
            posinset={i + 1}
            setsize={file.actions.length}
            action={a}
            checked={a.status === 'ready' && !unchecked.has(a.id)}
            onToggle={() => toggle(a.id)}
          />
        ))}
      </ul>
      <div className="dialog-buttons">
        <button type="button" onClick={() => void controller.dismissSaved(file.id)}>
          Dismiss this file
        </button>
        <button
          type="button"
          className="primary"
          disabled={chosen.length === 0}
          onClick={() => void controller.requeueSaved(file.id, chosen)}
        >
          Re-queue {chosen.length} selected
        </button>
      </div>
    </section>
  );
};

/** The review dialog, open while the overlay says so. */
export const ReviewDialog = () => {
  const open = useAppStore((s) => s.overlay?.kind === 'review');
  const saved = useAppStore((s) => s.saved);
  const setOverlay = useAppStore((s) => s.setOverlay);
  if (!open) return null;
  return (
    <Dialog title="Review and re-queue" onClose={() => setOverlay(null)} className="review">
      <p>
        These decisions were saved when this org’s local database was damaged. Each one you re-queue waits in
        the queue as “Needs attention”: nothing is sent until you have checked Slack and chosen Retry.
      </p>
      {saved.length === 0 ? (
        <p>Nothing is left to review.</p>
      ) : (
        saved.map((f) => <SavedFile key={f.id} file={f} />)
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={() => setOverlay(null)}>
          Close
        </button>
      </div>
    </Dialog>
  );
};
