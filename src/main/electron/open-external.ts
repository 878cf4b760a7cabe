/** Opens links in the system browser, but only those the allowlist accepts. */
import { shell } from 'electron';
import { isAllowedExternalUrl, SLACK_HOSTS } from './external-url';

export type OpenExternalOptions = {
  /** Hosts beyond Slack's that this call may open, e.g. an app's homepage host the admin confirmed. */
  extraHosts?: readonly string[];
};

/** Opens `url` in the system browser when it is https to Slack or to one of `extraHosts`; says whether it did. */
export const openExternalUrl = async (url: string, options: OpenExternalOptions = {}): Promise<boolean> => {
  if (!isAllowedExternalUrl(url, [...SLACK_HOSTS, ...(options.extraHosts ?? [])])) return false;
  await shell.openExternal(url);
  return true;
};
