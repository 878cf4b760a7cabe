import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventJson } from '../bridge/event-json';
import { toSummary } from '../inbox/summary';
import { makeRequest } from '../store/test-support/fixtures';
import { chunkDelta } from './delta-chunks';
import { inboxDelta, SummaryRows } from './summary-rows';

const summaries = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => toSummary(makeRequest(from + i, 'T001', { message: `ask ${i} “é”` })));
/** Rows as the sync worker sends them: their JSON texts only. */
const asTexts = (rows: ReturnType<typeof summaries>) => new SummaryRows(rows.map((r) => JSON.stringify(r)));

afterEach(() => vi.restoreAllMocks());

describe('SummaryRows', () => {
  it('gives the rows its texts stand for, and serialises as them', () => {
    const rows = summaries(3);
    const texts = asTexts(rows);
    expect(texts.list()).toEqual(rows);
    expect(JSON.parse(texts.json())).toEqual(rows);
    expect(JSON.stringify({ a: texts })).toBe(JSON.stringify({ a: rows }));
    expect(SummaryRows.concat(texts, SummaryRows.of(summaries(2, 3))).list()).toEqual([
      ...rows,
      ...summaries(2, 3),
    ]);
    expect(texts.slice(1, 3).list()).toEqual(rows.slice(1, 3));
  });
});

describe('chunkDelta over row texts', () => {
  it('keeps every item once, in order, each chunk within the limit, sized from the texts alone', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const added = summaries(2000);
    const changed = summaries(1000, 5000);
    const removed = ['Ar1', 'Ar2', 'Ar3'];
    const chunks = chunkDelta(
      'T001',
      { added: asTexts(added), changed: asTexts(changed), removed },
      64 * 1024,
    );
    expect(parse).not.toHaveBeenCalled(); // measuring the rows did not parse them
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThanOrEqual(64 * 1024);
    expect(chunks.flatMap((c) => c.removed)).toEqual(removed);
    expect(chunks.flatMap((c) => c.added.list())).toEqual(added);
    expect(chunks.flatMap((c) => c.changed.list())).toEqual(changed);
    expect(chunks.every((c) => c.target === 'T001')).toBe(true);
  });

  it('gives a row larger than the limit a chunk of its own', () => {
    const [first, second, third] = summaries(3).map((r, i) =>
      i === 1 ? { ...r, message: 'x'.repeat(3000) } : r,
    );
    const rows = [first, second, third].flatMap((r) => r ?? []);
    const none = SummaryRows.of([]);
    const chunks = chunkDelta('T1', { added: SummaryRows.of(rows), changed: none, removed: [] }, 1000);
    expect(chunks.map((c) => c.added.list().map((r) => r.id))).toEqual(rows.map((r) => [r.id]));
  });
});

describe('inboxDelta', () => {
  const plain = (rows: ReturnType<typeof summaries>) => ({ changed: rows, removed: ['Ar9'], total: 12 });

  it('writes the JSON a serialised delta would have, from the texts, without parsing a row', () => {
    const rows = summaries(50);
    const delta = inboxDelta(asTexts(rows), ['Ar9'], 12);
    const parse = vi.spyOn(JSON, 'parse');
    expect(eventJson(delta)).toBe(JSON.stringify(plain(rows)));
    expect(parse).not.toHaveBeenCalled();
    expect(eventJson(inboxDelta(SummaryRows.of([]), [], 0))).toBe('{"changed":[],"removed":[],"total":0}');
  });

  it('reads, spreads and clones like a plain delta (the rules, and Electron’s structured clone)', () => {
    const rows = summaries(5);
    const delta = inboxDelta(asTexts(rows), ['Ar9'], 12);
    expect(delta.changed).toEqual(rows);
    expect({ ...delta }).toEqual(plain(rows));
    expect(structuredClone(delta)).toEqual(plain(rows));
    // A copy is a plain object: its JSON is serialised again, so a changed copy says what it holds.
    const copy = { ...delta, changed: [] };
    expect(eventJson(copy)).toBe('{"changed":[],"removed":["Ar9"],"total":12}');
  });
});
