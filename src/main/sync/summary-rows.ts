/**
 * Inbox rows as the JSON texts they were made as (by the sync worker, or while preparing a write),
 * parsed only when something reads them. A first sync of 10,000 requests sends every row to the
 * window: passing the texts through to the browser host's event stream, instead of parsing each row
 * and serialising it again, keeps about 5 MB of short-lived objects off the main thread (and its
 * garbage collector's pauses out of the round trips the admin is waiting on).
 */
import type { InboxDelta, RequestSummary } from '../../shared/view-types';
import { withJsonText } from '../bridge/event-json';

export class SummaryRows {
  #parsed: RequestSummary[] | undefined;

  /** `texts[i]` is `JSON.stringify(parsed[i])`; pass `parsed` when the objects exist already. */
  constructor(
    readonly texts: readonly string[],
    parsed?: RequestSummary[],
  ) {
    this.#parsed = parsed;
  }

  /** Rows from their objects (serialised here). */
  static of(summaries: RequestSummary[]): SummaryRows {
    return new SummaryRows(
      summaries.map((s) => JSON.stringify(s)),
      summaries,
    );
  }

  /** These rows, then those. */
  static concat(a: SummaryRows, b: SummaryRows): SummaryRows {
    if (b.length === 0) return a;
    if (a.length === 0) return b;
    const parsed = a.#parsed && b.#parsed ? [...a.#parsed, ...b.#parsed] : undefined;
    return new SummaryRows([...a.texts, ...b.texts], parsed);
  }

  get length(): number {
    return this.texts.length;
  }

  /** The rows as objects, parsed once, on first use. */
  list(): RequestSummary[] {
    this.#parsed ??= this.texts.map((t) => JSON.parse(t) as RequestSummary);
    return this.#parsed;
  }

  /** Rows `start` up to (not including) `end`. */
  slice(start: number, end: number): SummaryRows {
    return new SummaryRows(this.texts.slice(start, end), this.#parsed?.slice(start, end));
  }

  /** The JSON array of these rows, made from their texts without parsing them. */
  json(): string {
    return `[${this.texts.join(',')}]`;
  }

  /** `JSON.stringify` sees the rows themselves. */
  toJSON(): RequestSummary[] {
    return this.list();
  }
}

/**
 * An `inbox:changed` payload for these rows. Its `changed` is parsed only when something reads it
 * (the rules' suggestions, Electron's structured clone); the browser host writes its JSON from the
 * rows' texts. The text has the keys in the order `JSON.stringify` would give them.
 */
export const inboxDelta = (rows: SummaryRows, removed: string[], total: number): InboxDelta => {
  const delta: InboxDelta = {
    get changed() {
      return rows.list();
    },
    removed,
    total,
  };
  const text = `{"changed":${rows.json()},"removed":${JSON.stringify(removed)},"total":${JSON.stringify(total)}}`;
  return withJsonText(delta, text);
};
