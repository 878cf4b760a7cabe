/** Real Slack OAuth scope names with the descriptions and sensitivity Slack shows admins. */
import type { WireScope, WireTokenType } from './wire-types';

type ScopeInfo = { description: string; sensitive: boolean };

const SCOPES: Record<string, ScopeInfo> = {
  admin: { description: 'Administer a workspace', sensitive: true },
  'app_mentions:read': {
    description: 'View messages that directly mention the app in conversations',
    sensitive: false,
  },
  'bookmarks:read': { description: 'List bookmarks', sensitive: false },
  'calls:read': { description: 'View information about ongoing and past calls', sensitive: false },
  'calls:write': { description: 'Start and manage calls in a workspace', sensitive: false },
  'channels:history': {
    description: 'View messages and other content in public channels that the app has been added to',
    sensitive: true,
  },
  'channels:manage': { description: 'Manage public channels and create new ones', sensitive: false },
  'channels:read': {
    description: 'View basic information about public channels in a workspace',
    sensitive: false,
  },
  'chat:write': { description: 'Send messages as the app', sensitive: false },
  'chat:write.public': {
    description: "Send messages to channels the app isn't a member of",
    sensitive: false,
  },
  commands: { description: 'Add shortcuts and/or slash commands that people can use', sensitive: false },
  'dnd:read': { description: 'View Do Not Disturb settings for people in a workspace', sensitive: false },
  'emoji:read': { description: 'View custom emoji in a workspace', sensitive: false },
  'files:read': {
    description: 'View files shared in channels and conversations that the app has been added to',
    sensitive: true,
  },
  'files:write': { description: 'Upload, edit, and delete files as the app', sensitive: false },
  'groups:history': {
    description: 'View messages and other content in private channels that the app has been added to',
    sensitive: true,
  },
  'groups:read': {
    description: 'View basic information about private channels the app has been added to',
    sensitive: false,
  },
  'im:history': {
    description: 'View messages and other content in direct messages that the app has been added to',
    sensitive: true,
  },
  'im:read': {
    description: 'View basic information about direct messages the app has been added to',
    sensitive: false,
  },
  'im:write': { description: 'Start direct messages with people', sensitive: false },
  'incoming-webhook': { description: 'Post messages to specific channels in Slack', sensitive: false },
  'links:read': { description: 'View URLs in messages', sensitive: false },
  'links:write': { description: 'Show previews of URLs in messages', sensitive: false },
  'pins:read': { description: 'View pinned content in channels and conversations', sensitive: false },
  'reactions:read': { description: 'View emoji reactions and their associated content', sensitive: false },
  'reactions:write': { description: 'Add and edit emoji reactions', sensitive: false },
  'reminders:write': { description: 'Add, remove, or mark reminders as complete', sensitive: false },
  'search:read': { description: "Search a workspace's content", sensitive: true },
  'team:read': { description: 'View the name, email domain, and icon for workspaces', sensitive: false },
  'usergroups:read': { description: 'View user groups in a workspace', sensitive: false },
  'users.profile:read': { description: 'View profile details about people in a workspace', sensitive: false },
  'users:read': { description: 'View people in a workspace', sensitive: false },
  'users:read.email': { description: 'View email addresses of people in a workspace', sensitive: true },
  'users:write': { description: 'Set presence for the app', sensitive: false },
  'admin.users:write': { description: 'Administer the users in an organization', sensitive: true },
  'admin.users:read': { description: 'Access the users in an organization', sensitive: true },
};

/** Builds a Scope object for a known scope name; throws on a typo so demo data stays real. */
export function scope(name: string, tokenType: WireTokenType = 'bot', optional = false): WireScope {
  const info = SCOPES[name];
  if (!info) throw new Error(`unknown scope in demo data: ${name}`);
  const result: WireScope = {
    name,
    description: info.description,
    is_sensitive: info.sensitive,
    token_type: tokenType,
  };
  if (optional) result.is_optional = true;
  return result;
}

/** Shorthand for a list of bot scopes. */
export const bot = (...names: string[]): WireScope[] => names.map((n) => scope(n, 'bot'));
/** Shorthand for a list of user scopes. */
export const user = (...names: string[]): WireScope[] => names.map((n) => scope(n, 'user'));
/** Shorthand for a list of optional bot scopes. */
export const optionalBot = (...names: string[]): WireScope[] => names.map((n) => scope(n, 'bot', true));
/** The same scopes without descriptions, as Slack may send them (`description: null`). */
export const undescribed = (scopes: WireScope[]): WireScope[] =>
  scopes.map((s) => ({ ...s, description: null }));
