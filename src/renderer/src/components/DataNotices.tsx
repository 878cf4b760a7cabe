/**
 * What the admin should know about this org's local data (a recovered database, a full disk), and
 * the way into "Review and re-queue" (SavedDecisions.tsx) when decisions were saved from a damaged
 * database.
 */
import type { SavedActionsView } from '../../../shared/view-types';
import { useAppStore, useController } from './context';

const NONE: readonly string[] = [];

const readyIn = (files: readonly SavedActionsView[]): number =>
  files.reduce((n, f) => n + f.actions.filter((a) => a.status === 'ready').length, 0);

/** Above the inbox while there is something to know or to review. */
export const DataNotices = () => {
  const problems = useAppStore((s) => s.session?.problems ?? NONE);
  const saved = useAppStore((s) => s.saved);
  const controller = useController();
  if (problems.length === 0 && saved.length === 0) return null;
  const ready = readyIn(saved);
  return (
    <section className="card problems" aria-label="Things to know">
      {problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {saved.length > 0 && (
        <p>
          {ready === 1 ? '1 saved decision is' : `${ready} saved decisions are`} waiting for review.{' '}
          <button type="button" onClick={controller.openReview}>
            Review and re-queue
          </button>
        </p>
      )}
    </section>
  );
};
