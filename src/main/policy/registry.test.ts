import { describe, expect, it } from 'vitest';
import { parseRegQuery } from './registry';

const OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Admit',
  '    SlackClientId    REG_SZ    1234567890.0987654321',
  '    RedirectPorts    REG_MULTI_SZ    53682\\053683\\053684',
  '    AllowPlaintextTokenStorage    REG_DWORD    0x1',
  '    OfferDemoOrg    REG_DWORD    0x0',
  '    SlackApiUrl    REG_SZ    https://slack.com/api/',
  '    Empty Value    REG_SZ    ',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Admit\\AllowedEnterpriseIds',
  '    2    REG_SZ    E0TWO',
  '    1    REG_SZ    E0ONE',
  '',
].join('\r\n');

describe('parseRegQuery', () => {
  it('reads values, DWORD booleans, multi-strings and Chrome-style list subkeys', () => {
    expect(parseRegQuery(OUTPUT)).toEqual({
      SlackClientId: '1234567890.0987654321',
      RedirectPorts: ['53682', '53683', '53684'],
      AllowPlaintextTokenStorage: 1,
      OfferDemoOrg: 0,
      SlackApiUrl: 'https://slack.com/api/',
      'Empty Value': '',
      AllowedEnterpriseIds: ['E0ONE', 'E0TWO'],
    });
  });

  it('returns nothing for unrelated output', () => {
    expect(
      parseRegQuery('ERROR: The system was unable to find the specified registry key or value.'),
    ).toEqual({});
  });
});
