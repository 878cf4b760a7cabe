import { describe, expect, it } from 'vitest';
import { parseItems, parseItemsInSlices, toAppRequest, WireRequestSchema } from '../slack/wire';
import { makeWireRequest } from '../store/test-support/fixtures';
import { SLICE_MS, yieldIfDue, yieldNow } from './slices';

const busy = (ms: number): void => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
};

describe('slices', () => {
  it('yields once a slice has run for its budget, so waiting I/O and timers run in between', async () => {
    await yieldNow();
    let ran = false;
    setImmediate(() => (ran = true));
    await yieldIfDue(); // within budget: no turn for others
    expect(ran).toBe(false);
    busy(SLICE_MS + 1);
    await yieldIfDue();
    expect(ran).toBe(true);
  });

  it('parses a page in slices with the same items, skips and indices as in one go', async () => {
    const raw: unknown[] = Array.from({ length: 230 }, (_, i) =>
      i % 97 === 5 ? makeWireRequest(i, 'T001', { date_created: 'soon' }) : makeWireRequest(i),
    );
    raw.splice(120, 0, 'not an item');
    const map = (w: Parameters<typeof toAppRequest>[0]) => toAppRequest(w, { teamId: 'T001' });
    const whole = parseItems('admin.apps.requests.list', raw, WireRequestSchema, map, 1000);
    let pauses = 0;
    const sliced = await parseItemsInSlices(
      'admin.apps.requests.list',
      raw,
      WireRequestSchema,
      map,
      1000,
      () => {
        pauses += 1;
        return Promise.resolve();
      },
    );
    expect(sliced).toEqual(whole);
    expect(sliced?.skipped.map((s) => s.index)).toEqual([1005, 1102, 1120, 1200]);
    expect(pauses).toBeGreaterThan(1);
    expect(
      await parseItemsInSlices('m', { not: 'a list' }, WireRequestSchema, map, 0, yieldIfDue),
    ).toBeNull();
  });
});
