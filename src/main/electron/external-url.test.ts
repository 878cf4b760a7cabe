import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async () => undefined);
vi.mock('electron', () => ({ shell: { openExternal } }));

const { isAllowedExternalUrl, SLACK_HOSTS } = await import('./external-url');
const { openExternalUrl } = await import('./open-external');

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://slack.com/apps/A123',
    'https://acme.enterprise.slack.com/admin',
    'https://app.slack.com/client',
    'https://SLACK.COM/x',
    'https://slack.com./x',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url, SLACK_HOSTS)).toBe(true));

  it.each([
    ['plain http', 'http://slack.com/'],
    ['a look-alike host', 'https://evilslack.com/'],
    ['a suffix trick', 'https://slack.com.evil.example/'],
    ['credentials that hide the host', 'https://slack.com@evil.example/'],
    ['credentials on an allowed host', 'https://user:pw@slack.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['a custom scheme', 'slack://open'],
    ['not a URL', 'slack.com'],
    ['an empty string', ''],
  ])('refuses %s', (_name, url) => expect(isAllowedExternalUrl(url, SLACK_HOSTS)).toBe(false));

  it('treats extra hosts as exact unless they say *.', () => {
    expect(isAllowedExternalUrl('https://example.com/', ['example.com'])).toBe(true);
    expect(isAllowedExternalUrl('https://www.example.com/', ['example.com'])).toBe(false);
    expect(isAllowedExternalUrl('https://www.example.com/', ['*.example.com'])).toBe(true);
    expect(isAllowedExternalUrl('https://example.com/', ['*.example.com'])).toBe(false);
    expect(isAllowedExternalUrl('https://example.com/', ['', '*.'])).toBe(false);
  });
});

describe('openExternalUrl', () => {
  beforeEach(() => vi.clearAllMocks());

  it('opens Slack links', async () => {
    expect(await openExternalUrl('https://slack.com/apps/A1')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://slack.com/apps/A1');
  });

  it('opens a confirmed app homepage only when its host is passed', async () => {
    expect(await openExternalUrl('https://vendor.example/app')).toBe(false);
    expect(await openExternalUrl('https://vendor.example/app', { extraHosts: ['vendor.example'] })).toBe(
      true,
    );
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('never opens non-https links, even to an extra host', async () => {
    expect(await openExternalUrl('http://vendor.example/', { extraHosts: ['vendor.example'] })).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });
});
