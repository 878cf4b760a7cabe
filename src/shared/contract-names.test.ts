import { describe, expect, it } from 'vitest';
import { channels, events, isChannelName } from './contract';
import { channelNames, eventNames } from './contract-names';

describe('the zod-free names of the contract', () => {
  it('list exactly the channels contract.ts declares a schema for, in its order, once each', () => {
    expect(channelNames).toEqual(Object.keys(channels));
    expect(new Set(channelNames).size).toBe(channelNames.length);
    for (const name of channelNames) expect(isChannelName(name)).toBe(true);
  });

  it('list exactly the events contract.ts declares, in its order, once each', () => {
    expect(eventNames).toEqual(Object.keys(events));
    expect(new Set(eventNames).size).toBe(eventNames.length);
  });
});
