/**
 * The inbox once the last request is decided: what happened today, what is still on its way to
 * Slack, and where to go next (the inventories, the audit export).
 */
import { useShallow } from 'zustand/react/shallow';
import type { ActionView, QueueView } from '../../../shared/view-types';
import { useAppStore, useController } from './context';
import { useNow } from './use-now';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * What the queue knows of today: decisions Slack confirmed (main counts them in the audit log since
 * local midnight; a count from before the last midnight reads as none yet), ones still on their
 * way, ones stuck.
 */
export const todaysDecisions = (actions: readonly ActionView[], today: QueueView['today'], nowMs: number) => {
  const midnight = new Date(nowMs);
  midnight.setHours(0, 0, 0, 0);
  return {
    done: today.since === midnight.getTime() ? today.done : 0,
    sending: actions.filter((a) => a.state === 'pending' || a.state === 'sending').length,
    stuck: actions.filter((a) => a.state === 'conflict' || a.state === 'needs_attention').length,
  };
};

/** The empty inbox's summary and next steps. */
export const InboxDone = () => {
  const controller = useController();
  const { actions, counted, offline } = useAppStore(
    useShallow((s) => ({ actions: s.actions, counted: s.today, offline: s.connection.state === 'offline' })),
  );
  const now = useNow(60_000);
  const today = todaysDecisions(actions, counted, now);
  return (
    <div className="inbox-done" role="region" aria-labelledby="inbox-done-title">
      <h3 id="inbox-done-title">No pending requests</h3>
      <ul className="inbox-done-facts">
        <li>
          {today.done === 0
            ? 'No decision reached Slack today yet.'
            : `${plural(today.done, 'decision', 'decisions')} reached Slack today.`}
        </li>
        {today.sending > 0 && (
          <li>
            {plural(today.sending, 'decision is', 'decisions are')} still on the way to Slack
            {offline ? ', waiting for Slack to be reachable' : ''}.
          </li>
        )}
        {today.stuck > 0 && (
          <li>{plural(today.stuck, 'decision needs', 'decisions need')} you in the queue.</li>
        )}
      </ul>
      <div className="inbox-done-next">
        <button type="button" onClick={() => controller.showView('approved')}>
          See approved apps
        </button>
        <button type="button" onClick={() => controller.showView('restricted')}>
          See restricted apps
        </button>
        <button type="button" onClick={() => void controller.exportAudit('csv')}>
          Export the audit log (CSV)
        </button>
      </div>
    </div>
  );
};
