/** How a sync puts what it could not read into words, and which errors stop it. */
import type { SkippedItem } from '../slack/wire';

export type SyncTargetError = { target: string; code: string; category: string; message: string };

type ErrorFields = { code?: unknown; category?: unknown; message?: unknown };

/** The code, category and message of a failed read, whatever was thrown. */
export const describeError = (target: string, error: unknown): SyncTargetError => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorFields;
  return {
    target,
    code: typeof e.code === 'string' ? e.code : 'unknown_error',
    category: typeof e.category === 'string' ? e.category : 'unknown',
    message: typeof e.message === 'string' ? e.message : String(error),
  };
};

/** Errors that make every other target fail too: stop the sync rather than hammer Slack. */
export const isFatal = (error: unknown): boolean => {
  const category = (error as ErrorFields | null)?.category;
  return category === 'reauth' || category === 'network' || category === 'app_not_installed';
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "Acme HQ: 2 requests could not be read (app.id: …; date_created: …)". */
export const describeSkipped = (name: string, skipped: SkippedItem[], what: string): string => {
  const fields = [...new Set(skipped.map((s) => `${s.field}: ${s.message}`))].slice(0, 3).join('; ');
  return `${name}: ${plural(skipped.length, what, `${what}s`)} could not be read (${fields})`;
};

/** Counts one call of `method` (each page is one call): what a sync cost of Slack's budget. */
export const countCall = (calls: Record<string, number>, method: string): void => {
  calls[method] = (calls[method] ?? 0) + 1;
};
