/** The demo org's app catalog: real-looking apps of every developer type, with the scopes they ask for. */
import { stableId } from './ids';
import { bot, optionalBot, undescribed, user } from './scope-catalog';
import type { CatalogApp } from './types';
import type { WireApp, WireScope } from './wire-types';

/** `developer_type` values the requests.list docs describe. */
type DeveloperType = 'internal' | 'third_party' | 'slack';

/** App display fields Slack may send as null. */
type NullableField =
  | 'description'
  | 'help_url'
  | 'privacy_policy_url'
  | 'app_homepage_url'
  | 'app_directory_url'
  | 'additional_info'
  | 'icons';

type AppSpec = {
  name: string;
  developer: DeveloperType;
  directoryApproved: boolean;
  site: string;
  description: string;
  scopes: WireScope[];
  certified?: boolean;
  orgDeployed?: boolean;
  /** Fields this app sends as null. */
  nulls?: NullableField[];
};

const ORG_APPS_URL = 'https://acmecorp.enterprise.slack.com/apps';

const SPECS: AppSpec[] = [
  {
    name: 'Jira Cloud',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.atlassian.com/software/jira',
    description: 'Create, track and triage Jira issues without leaving Slack.',
    scopes: [
      ...bot(
        'channels:read',
        'chat:write',
        'commands',
        'links:read',
        'links:write',
        'users:read',
        'users:read.email',
      ),
      ...bot('im:write'),
    ],
  },
  {
    name: 'Zoom',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://zoom.us',
    description: 'Start a Zoom meeting from any channel with /zoom.',
    scopes: [
      ...bot('calls:read', 'calls:write', 'chat:write', 'commands', 'users:read'),
      ...user('users.profile:read'),
    ],
  },
  {
    name: 'Google Drive',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://workspace.google.com/products/drive',
    description: 'Share Drive files, get comment notifications and manage access requests.',
    scopes: [
      ...bot(
        'chat:write',
        'commands',
        'files:read',
        'im:write',
        'links:read',
        'links:write',
        'users:read.email',
      ),
    ],
  },
  {
    name: 'GitHub',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://github.com',
    description: 'Subscribe to repositories and get pull request and issue notifications.',
    scopes: [
      ...bot(
        'channels:read',
        'chat:write',
        'commands',
        'groups:read',
        'im:write',
        'links:read',
        'links:write',
      ),
      ...bot('team:read', 'users:read'),
    ],
  },
  {
    name: 'Standup Bot',
    developer: 'internal',
    directoryApproved: false,
    site: 'https://tools.acmecorp.example/standup',
    description: 'Runs async daily standups and posts a summary to your team channel.',
    scopes: [
      ...bot('channels:read', 'chat:write', 'im:history', 'im:write', 'users:read'),
      ...user('reminders:write'),
    ],
  },
  {
    name: 'Asana',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://asana.com',
    description: 'Turn messages into tasks and get project updates in Slack.',
    scopes: [
      ...bot('chat:write', 'commands', 'links:read', 'links:write', 'users:read.email'),
      ...optionalBot('im:write'),
    ],
  },
  {
    name: 'Salesforce',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.salesforce.com',
    description: 'Search and share Salesforce records, and get deal alerts in channels.',
    scopes: [
      ...bot('channels:history', 'chat:write', 'commands', 'files:write', 'links:read', 'links:write'),
      ...bot('users:read.email'),
      ...user('search:read'),
    ],
  },
  {
    name: 'Figma',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.figma.com',
    description: 'Rich previews for Figma files and comment notifications.',
    scopes: bot('chat:write', 'links:read', 'links:write'),
  },
  {
    name: 'Loom',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.loom.com',
    description: 'Unfurl Loom videos so teammates can watch them inline.',
    scopes: [...bot('chat:write', 'links:read', 'links:write'), ...optionalBot('users:read.email')],
  },
  {
    name: 'Polly',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.polly.ai',
    description: 'Surveys and polls for team feedback, right in Slack.',
    scopes: bot('chat:write', 'commands', 'im:write', 'reactions:read', 'users:read'),
  },
  {
    name: 'Donut',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.donut.com',
    description: 'Pairs teammates for virtual coffee and onboarding check-ins.',
    scopes: bot(
      'channels:manage',
      'channels:read',
      'chat:write',
      'im:write',
      'users:read',
      'users.profile:read',
    ),
  },
  {
    name: 'PagerDuty',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.pagerduty.com',
    description: 'Acknowledge and resolve incidents from Slack.',
    scopes: bot('channels:read', 'chat:write', 'commands', 'incoming-webhook', 'users:read.email'),
  },
  {
    name: 'Datadog',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.datadoghq.com',
    description: 'Monitor alerts, graph snapshots and incident management.',
    scopes: bot('chat:write', 'commands', 'files:read', 'incoming-webhook', 'links:read', 'links:write'),
  },
  {
    name: 'Notion',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.notion.so',
    description: 'Preview Notion pages and get notified about page updates.',
    scopes: [
      ...bot('chat:write', 'links:read', 'links:write', 'team:read', 'users:read.email'),
      ...user('search:read'),
    ],
  },
  {
    name: 'Trello',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://trello.com',
    description: 'Attach conversations to Trello cards and create cards from messages.',
    scopes: [...bot('chat:write', 'commands', 'links:read', 'links:write'), ...optionalBot('channels:read')],
  },
  {
    name: 'Simple Poll',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://simplepoll.rocks',
    description: 'Create polls and surveys in seconds.',
    scopes: bot('chat:write', 'chat:write.public', 'commands', 'users:read'),
  },
  {
    name: 'Outlook Calendar',
    developer: 'slack',
    directoryApproved: true,
    site: 'https://slack.com/apps/outlook-calendar',
    description: 'Sync your status with your calendar and get event reminders.',
    scopes: [...bot('chat:write', 'im:write', 'users:read'), ...user('users.profile:read', 'dnd:read')],
  },
  {
    name: 'Deploy Bot',
    nulls: ['app_homepage_url', 'additional_info'],
    developer: 'internal',
    directoryApproved: false,
    site: 'https://tools.acmecorp.example/deploy',
    description: 'Ship services to staging and production with /deploy.',
    scopes: bot('channels:history', 'chat:write', 'commands', 'files:write', 'groups:history'),
  },
  {
    name: 'Expense Helper',
    developer: 'internal',
    directoryApproved: false,
    site: 'https://tools.acmecorp.example/expenses',
    description: 'Snap a receipt in a DM and it files the expense for you.',
    scopes: bot('chat:write', 'files:read', 'im:history', 'im:write', 'users:read.email'),
  },
  {
    name: 'HR Onboarding Buddy',
    developer: 'internal',
    directoryApproved: false,
    site: 'https://tools.acmecorp.example/onboarding',
    description: 'Guides new hires through their first two weeks and adds them to channels.',
    scopes: [
      ...bot('channels:manage', 'chat:write', 'im:write', 'users:read', 'users:read.email'),
      ...user('admin'),
    ],
  },
  {
    name: 'Mystery Meme Generator',
    developer: 'third_party',
    directoryApproved: false,
    site: 'https://memes.example.net',
    description: 'Posts a fresh meme whenever the vibe is off.',
    scopes: [
      ...bot(
        'channels:history',
        'chat:write',
        'files:write',
        'groups:history',
        'im:history',
        'users:read.email',
      ),
      ...user('search:read'),
    ],
  },
  {
    name: 'Grammar Wizard',
    nulls: ['app_directory_url'],
    developer: 'third_party',
    directoryApproved: false,
    site: 'https://grammarwizard.example.io',
    description: 'Suggests grammar fixes for every message you send.',
    scopes: [
      ...bot('channels:history', 'chat:write', 'im:history'),
      ...user('search:read', 'users:read.email'),
    ],
  },
  {
    name: 'Greenhouse',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.greenhouse.com',
    description: 'Interview reminders, scorecard nudges and candidate updates.',
    scopes: bot('chat:write', 'commands', 'im:write', 'links:read', 'users:read.email'),
  },
  {
    name: 'Statuspage',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.atlassian.com/software/statuspage',
    description: 'Incident and maintenance updates for the services you depend on.',
    scopes: bot('chat:write', 'commands', 'incoming-webhook'),
  },
  {
    name: 'Lunch Roulette',
    nulls: ['description', 'help_url', 'privacy_policy_url', 'icons'],
    developer: 'internal',
    directoryApproved: false,
    site: 'https://tools.acmecorp.example/lunch',
    description: 'Picks a lunch spot and a lunch buddy every Friday.',
    scopes: undescribed(
      bot('channels:read', 'chat:write', 'reactions:read', 'reactions:write', 'users:read'),
    ),
  },
  // Certified apps: requests.list shows their requests only with certified=true.
  {
    name: 'Workday',
    developer: 'third_party',
    directoryApproved: true,
    certified: true,
    site: 'https://www.workday.com',
    description: 'Approve time off, check pay slips and get HR tasks done in Slack.',
    scopes: [...bot('chat:write', 'commands', 'im:write', 'users:read.email'), ...user('users.profile:read')],
  },
  {
    name: 'Box',
    developer: 'third_party',
    directoryApproved: true,
    certified: true,
    site: 'https://www.box.com',
    description: 'Share Box files with rich previews and keep permissions in sync.',
    scopes: bot('chat:write', 'commands', 'files:read', 'links:read', 'links:write'),
  },
  // Requested at org level (team: null).
  {
    name: 'Zendesk',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.zendesk.com',
    description: 'Turn Slack messages into Zendesk tickets and follow them to resolution.',
    scopes: bot('channels:history', 'chat:write', 'commands', 'links:read', 'users:read.email'),
  },
  {
    name: 'Org Directory Sync',
    developer: 'internal',
    directoryApproved: false,
    site: 'https://tools.acmecorp.example/directory',
    description: 'Keeps profile fields in sync with the HR directory.',
    nulls: [
      'description',
      'help_url',
      'privacy_policy_url',
      'app_homepage_url',
      'app_directory_url',
      'additional_info',
      'icons',
    ],
    scopes: undescribed([...bot('users:read', 'users:read.email'), ...user('users:write')]),
  },
  // Resolved-only apps: on approved.list / restricted.list, never requested in the demo.
  {
    name: 'Okta SCIM Provisioning',
    developer: 'third_party',
    directoryApproved: true,
    site: 'https://www.okta.com',
    description: 'Provisions and deprovisions Slack accounts from Okta over SCIM.',
    scopes: user('admin', 'admin.users:read', 'admin.users:write'),
  },
  {
    name: 'Google Calendar',
    orgDeployed: true,
    developer: 'slack',
    directoryApproved: true,
    site: 'https://slack.com/apps/google-calendar',
    description: 'Event reminders, RSVPs and automatic "in a meeting" status.',
    scopes: [...bot('chat:write', 'im:write', 'users:read'), ...user('users.profile:read', 'dnd:read')],
  },
  {
    name: 'DocuSign',
    developer: 'third_party',
    directoryApproved: true,
    certified: true,
    site: 'https://www.docusign.com',
    description: 'Send, sign and track agreements without leaving Slack.',
    scopes: bot('chat:write', 'commands', 'im:write', 'users:read.email'),
  },
  {
    name: 'Crypto Tipper',
    developer: 'third_party',
    directoryApproved: false,
    site: 'https://cryptotipper.example.org',
    description: 'Tip your coworkers in tokens of appreciation (and actual tokens).',
    scopes: [...bot('chat:write', 'users:read.email', 'im:history'), ...user('search:read')],
  },
];

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function icons(id: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const size of [32, 36, 48, 64, 72, 96, 128, 192, 512]) {
    out[`image_${size}`] = `https://avatars.slack-edge.com/sim/${id}_${size}.png`;
  }
  return out;
}

/** Builds the App object Slack returns for a catalog spec. */
function toApp(spec: AppSpec): WireApp {
  const id = stableId('A', spec.name);
  const site = spec.site.replace(/\/$/, '');
  const app: WireApp = {
    id,
    name: spec.name,
    description: spec.description,
    help_url: `${site}/help`,
    privacy_policy_url: `${site}/privacy`,
    app_homepage_url: spec.site,
    app_directory_url: spec.developer === 'internal' ? '' : `${ORG_APPS_URL}/${id}-${slug(spec.name)}`,
    is_app_directory_approved: spec.directoryApproved,
    is_internal: spec.developer === 'internal',
    developer_type: spec.developer,
    socket_mode_enabled: spec.developer === 'internal',
    icons: icons(id),
    additional_info: '',
  };
  for (const field of spec.nulls ?? []) app[field] = null;
  // Undocumented: an extra field on third-party apps, to prove clients ignore fields they do not know.
  if (spec.developer === 'third_party') app.is_granular_bot_app = true;
  return app;
}

/** The demo catalog, keyed by app name for readable fixtures. */
export function demoCatalog(): Map<string, CatalogApp> {
  return new Map(
    SPECS.map((spec) => [
      spec.name,
      {
        app: toApp(spec),
        scopes: spec.scopes,
        ...(spec.certified ? { certified: true } : {}),
        ...(spec.orgDeployed ? { orgDeployed: true } : {}),
      },
    ]),
  );
}
