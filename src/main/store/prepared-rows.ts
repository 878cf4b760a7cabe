/**
 * A request ready to be written to the org store: the columns its row holds, its stored JSON and
 * its inbox row (object and JSON). Computed ahead of the write (in slices on the main thread, or
 * on the sync worker: see sync/worker/) so the write's transaction only compares and inserts.
 * Plain data only (no class instances, no functions), so a row can cross a worker boundary as is.
 */
import { targetId } from '../../shared/actions';
import type { AppRequest } from '../../shared/models';
import type { RequestSummary } from '../../shared/view-types';
import { toSummary } from '../inbox/summary';

export type PreparedRequest = {
  /** The request's id. */
  id: string;
  /** Where it was asked for, as the store keys it (targetId). */
  targetKey: string;
  appId: string;
  dateCreated: number;
  /** The request as stored: its JSON. */
  raw: string;
  summary: RequestSummary;
  summaryJson: string;
};

/** Computes what a stored request row holds (see PreparedRequest). */
export const prepareRequest = (request: AppRequest): PreparedRequest => {
  const summary = toSummary(request);
  return {
    id: request.id,
    targetKey: targetId(request.target),
    appId: request.app.id,
    dateCreated: request.date_created,
    raw: JSON.stringify(request),
    summary,
    summaryJson: JSON.stringify(summary),
  };
};
