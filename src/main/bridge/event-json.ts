/**
 * Event payloads that carry the JSON text they serialise to, made already: the browser host writes
 * that text to its event stream instead of serialising the payload again (see sync/summary-rows.ts).
 * The text is kept beside the payload, not in it, so the payload is what every other reader sees.
 */
const texts = new WeakMap<object, string>();

/** Records that `value` serialises to `text` (exactly what `JSON.stringify(value)` would give). */
export const withJsonText = <T extends object>(value: T, text: string): T => {
  texts.set(value, text);
  return value;
};

/** A payload's JSON: the text made for it, else `JSON.stringify`. */
export const eventJson = (payload: unknown): string =>
  (typeof payload === 'object' && payload !== null ? texts.get(payload) : undefined) ??
  JSON.stringify(payload);
