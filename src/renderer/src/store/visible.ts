/** The derived, memoized list of visible request ids shared by the inbox and the keyboard. */
import type { AppState } from './app-store';
import { createVisibleSelector } from './inbox-model';
import { currentMinute, overdueCutoff } from './overdue';

const memo = createVisibleSelector();

/** Visible request ids in display order; the same array until an input changes. */
export const selectVisibleIds = (s: AppState): string[] =>
  memo(
    s.order,
    s.byId,
    s.filters,
    s.actionByRequest,
    // Only the overdue filter depends on the time; without it the clock must not bust the memo.
    s.filters.overdueOnly ? overdueCutoff(currentMinute(), s.settings.overdueAfterDays) : 0,
  );
