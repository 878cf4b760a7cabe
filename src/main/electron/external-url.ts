/** Which links Admit may hand to the system browser: https only, to Slack or to a host the admin confirmed. */

/** Slack's own hosts: `slack.com` and any subdomain of it. */
export const SLACK_HOSTS: readonly string[] = ['slack.com', '*.slack.com'];

/** Does `host` match one allowlist entry: an exact host, or `*.domain` for any subdomain of domain? */
const hostMatches = (host: string, entry: string): boolean => {
  const pattern = entry.trim().toLowerCase().replace(/\.$/, '');
  if (pattern.startsWith('*.')) {
    const domain = pattern.slice(2);
    return domain !== '' && host.endsWith(`.${domain}`);
  }
  return pattern !== '' && host === pattern;
};

/**
 * Is `url` an https URL without credentials whose host is on `allowlist`? Entries are exact hosts
 * (`slack.com`) or `*.domain` for subdomains (`*.slack.com` does not match `slack.com` itself).
 */
export const isAllowedExternalUrl = (url: string, allowlist: readonly string[]): boolean => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return allowlist.some((entry) => hostMatches(host, entry));
};
