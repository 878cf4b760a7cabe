import { EventEmitter } from 'node:events';
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
});
