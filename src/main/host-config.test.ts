import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLACK_API_URL, readHostConfig } from './host-config';

describe('host configuration', () => {
  it('defaults to any free port and Slack itself', () => {
    const config = readHostConfig([], {});
    expect(config.port).toBe(0);
    expect(config.slackApiUrl).toBe(DEFAULT_SLACK_API_URL);
  });

  it('takes flags over environment variables', () => {
    const config = readHostConfig(['--port', '4100', '--data-dir', '/tmp/a'], {
      ADMIT_PORT: '4200',
      ADMIT_DATA_DIR: '/tmp/b',
      SLACK_API_URL: 'http://127.0.0.1:9000/api',
    });
    expect(config).toEqual({
      port: 4100,
      dataDir: path.resolve('/tmp/a'),
      slackApiUrl: 'http://127.0.0.1:9000/api/',
    });
  });

  it('reads the environment when no flag is given', () => {
    expect(readHostConfig([], { ADMIT_PORT: '4200', ADMIT_DATA_DIR: '/tmp/b' })).toMatchObject({
      port: 4200,
      dataDir: path.resolve('/tmp/b'),
    });
  });

  it.each([
    ['--port', 'abc'],
    ['--port', '70000'],
    ['--port', '-1'],
  ])('rejects %s %s clearly', (flag, value) => {
    expect(() => readHostConfig([flag, value], {})).toThrow(/--port/);
  });

  it('rejects an unknown flag and a non-http API URL', () => {
    expect(() => readHostConfig(['--nope'], {})).toThrow();
    expect(() => readHostConfig([], { SLACK_API_URL: 'file:///etc/passwd' })).toThrow(/http/);
  });
});
