import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { cacheTransaction, transaction } from './transaction';

const db = (): DatabaseSync => {
  const d = new DatabaseSync(':memory:');
  d.exec('PRAGMA synchronous = FULL; CREATE TABLE t (v TEXT)');
  return d;
};
const mode = (d: DatabaseSync): number =>
  Number((d.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous);

describe('transactions', () => {
  it('rolls back everything when the work throws', () => {
    const d = db();
    expect(() =>
      transaction(d, () => {
        d.exec("INSERT INTO t VALUES ('a')");
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(d.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
  });

  it('writes cache data without an fsync, then restores synchronous=FULL for the queue, even after a failure', () => {
    const d = db();
    const seen = cacheTransaction(d, () => mode(d));
    expect(seen).toBe(1); // NORMAL inside
    expect(mode(d)).toBe(2); // FULL after
    expect(() =>
      cacheTransaction(d, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(mode(d)).toBe(2);
  });
});
