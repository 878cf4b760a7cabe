import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { installProcessGuard } from './process-guard';

describe('the process guard', () => {
  it('logs stray exceptions and rejections, redacted, instead of exiting', () => {
    const target = new EventEmitter();
    const lines: string[] = [];
    const uninstall = installProcessGuard(target, (line) => lines.push(line));
    target.emit('uncaughtException', new Error('boom with xoxp-1234-secret'));
    target.emit('unhandledRejection', 'refresh_token=xoxe-1-abcdef');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('boom with xoxp-[redacted]');
    expect(lines[1]).toContain('refresh_token=[redacted]');
    expect(lines.join('')).not.toMatch(/secret|abcdef/);
    uninstall();
    expect(target.listenerCount('uncaughtException')).toBe(0);
    expect(target.listenerCount('unhandledRejection')).toBe(0);
  });

  it('is one line to install on the real process, and one call to remove', () => {
    const before = process.listenerCount('uncaughtException');
    const uninstall = installProcessGuard();
    expect(process.listenerCount('uncaughtException')).toBe(before + 1);
    uninstall();
    expect(process.listenerCount('uncaughtException')).toBe(before);
  });

  it('absorbs a failed write to a standard stream nobody reads (EPIPE) instead of raising it again', async () => {
    // A closed terminal: every write fails. Unabsorbed, the stream's 'error' is an uncaught exception
    // (vitest fails the run on it), which the guard would log to the same stream, and so on.
    const brokenPipe = new Writable({
      write: (_chunk, _encoding, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
    });
    const target = new EventEmitter();
    const uninstall = installProcessGuard(target, (line) => void brokenPipe.write(line), [brokenPipe]);
    target.emit('uncaughtException', new Error('first'));
    await new Promise((resolve) => brokenPipe.once('close', resolve));
    expect(brokenPipe.destroyed).toBe(true);
    // Later lines are dropped too, without a new error escaping.
    target.emit('uncaughtException', new Error('second'));
    await new Promise((resolve) => setImmediate(resolve));
    uninstall();
    expect(brokenPipe.listenerCount('error')).toBe(0);
  });
});
