import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ORG_DB_FILE } from './org-store';
import { findSavedExport, listSavedExports, markReviewed } from './saved-actions';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const record = (id: string) => ({
  id,
  seq: 1,
  key: `request:Ar${id}`,
  action: { kind: 'approve', id, createdAt: 1, requestId: `Ar${id}`, appId: 'A1', target: { teamId: 'T1' } },
  state: 'pending',
  actor: { id: 'U1', name: 'Ada' },
  attempts: 0,
  failures: 0,
  enqueuedAt: 1,
  ageStart: 1,
  updatedAt: 1,
  nextAttemptAt: 1,
});

describe('saved decisions on disk', () => {
  it('reads an export from an older build leniently, and records review in the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-saved-'));
    dirs.push(dir);
    const name = `${ORG_DB_FILE}.corrupt-2024-06-01T00-00-00-000Z.unsent-actions.json`;
    // The shape older builds wrote: no review, no notes, one entry too damaged to parse.
    fs.writeFileSync(
      path.join(dir, name),
      JSON.stringify({
        exportedAt: '2024-06-01T00:00:00.000Z',
        database: 'x',
        reason: 'file is not a database',
        problems: [],
        actions: [record('q1'), { id: 'q2', state: 'pending', unreadableRecord: '{"trunc' }, { nope: 1 }],
      }),
    );
    fs.writeFileSync(path.join(dir, 'unrelated.unsent-actions.json'), '{}');
    const dbFile = path.join(dir, ORG_DB_FILE);
    const [saved] = listSavedExports(dbFile);
    expect(listSavedExports(dbFile)).toHaveLength(1);
    expect(saved?.savedAt).toBe(Date.UTC(2024, 5, 1));
    expect(saved?.entries.map((e) => [e.id, e.record?.id ?? null, e.problem])).toEqual([
      ['q1', 'q1', null],
      ['q2', null, 'it was too damaged to read'],
      ['entry-3', null, 'it is not a decision this version of Admit can read'],
    ]);
    markReviewed(saved!, { requeued: ['q1'] }, Date.UTC(2025, 0, 1));
    expect([...findSavedExport(dbFile, name)!.requeued]).toEqual(['q1']);
    markReviewed(findSavedExport(dbFile, name)!, { dismissed: true }, Date.UTC(2025, 0, 2));
    const after = findSavedExport(dbFile, name)!;
    expect([after.dismissed, [...after.requeued]]).toEqual([true, ['q1']]);
    expect(after.entries).toHaveLength(3); // the evidence is never rewritten away
  });
});
