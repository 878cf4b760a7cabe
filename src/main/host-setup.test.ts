/** What a host starts with: policy, development overrides (development runs only), the private data folder, the log. */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryVault } from './auth';
import { readHostConfig } from './host-config';
import { createHostService, rateScale } from './host-setup';
import { createMemoryLogger } from './log';
import { linuxPolicyIO as io, MANAGED } from './policy/test-support/linux-policy';

describe('host settings', () => {
  it('reads a rate scale only when it makes sense', () => {
    expect(rateScale({})).toBe(1);
    expect(rateScale({ ADMIT_RATE_SCALE: '0.5' })).toBe(1);
    expect(rateScale({ ADMIT_RATE_SCALE: 'x' })).toBe(1);
    expect(rateScale({ ADMIT_RATE_SCALE: '30' })).toBe(30);
  });
});

describe('createHostService', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'admit-host-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('makes the data folder private and logs what policy said', async () => {
    const dataDir = path.join(root, 'data');
    const logger = createMemoryLogger();
    const service = await createHostService(
      {
        config: readHostConfig(['--data-dir', dataDir], {}),
        policyIO: io({}, { ...MANAGED, RedirectPorts: [80] }),
        emit: () => undefined,
        vault: () => createMemoryVault(),
        logger,
      },
      {},
    );
    await service.close();
    if (process.platform !== 'win32') expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(logger.find('policy.loaded')[0]).toMatchObject({
      managedKeys: expect.arrayContaining(['SlackClientId']),
    });
    expect(logger.find('policy.problem')[0]).toMatchObject({
      level: 'warn',
      problem: expect.stringContaining('RedirectPorts'),
    });
  });
});
