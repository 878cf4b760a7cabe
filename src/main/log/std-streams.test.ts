import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { absorbStdStreamErrors } from './std-streams';

/** A stream whose reader is gone: every write fails as a closed pipe does. */
const brokenPipe = (): Writable =>
  new Writable({
    write: (_chunk, _encoding, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
  });

describe('standard streams whose reader is gone', () => {
  it('drop what is written to them, without an error escaping (vitest fails the run on one)', async () => {
    const out = brokenPipe();
    const err = brokenPipe();
    const undo = absorbStdStreamErrors([out, err]);
    out.write('the launch line\n');
    err.write('a log line\n');
    await Promise.all([out, err].map((s) => new Promise((resolve) => s.once('close', resolve))));
    expect([out.destroyed, err.destroyed]).toEqual([true, true]);
    err.write('a later line\n'); // after the failure: dropped as well
    await new Promise((resolve) => setImmediate(resolve));
    undo();
    expect(out.listenerCount('error') + err.listenerCount('error')).toBe(0);
  });
});
