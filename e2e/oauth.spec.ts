/**
 * Sign-in with Slack in the browser host, end to end against the simulator: OAuth with PKCE over a
 * loopback redirect, the `state` check, one callback only, the port closed afterwards, and a scan
 * of everything the page can see for tokens.
 */
import { SIMULATOR_CLIENT_ID } from '../src/simulator';
import { expect, test } from './fixtures';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { TOKEN_PATTERN } from '../src/main/auth/redact';
import { channelNames, type ChannelName } from '../src/shared/contract';
import { invoke, invokeRaw, until } from './processes';

const filesUnder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
};

test('OAuth with PKCE: one callback with the right state signs in, then the port closes', async ({
  page,
  world: { host },
}) => {
  const { authorizeUrl, opened } = await invoke<{ authorizeUrl: string; opened: boolean }>(
    host,
    'session:signIn',
  );
  expect(opened).toBe(false); // the browser host leaves opening the tab to the page
  const url = new URL(authorizeUrl);
  expect(url.pathname).toBe('/oauth/v2/authorize');
  expect(url.searchParams.get('client_id')).toBe(SIMULATOR_CLIENT_ID);
  expect(url.searchParams.get('user_scope')).toBe('admin.apps:read,admin.apps:write,admin.teams:read');
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
  expect(redirect.hostname).toBe('localhost');
  expect(redirect.pathname).toBe('/callback');
  const state = url.searchParams.get('state') ?? '';
  expect(state.length).toBeGreaterThanOrEqual(32);

  // A forged callback (wrong state) and anything but GET /callback are refused; sign-in keeps waiting.
  const loopback = `http://127.0.0.1:${redirect.port}`;
  expect((await fetch(`${loopback}/callback?code=forged&state=wrong`)).status).toBe(400);
  expect((await fetch(`${loopback}/other?state=${state}`)).status).toBe(400);
  expect((await fetch(`${loopback}/callback?code=x&state=${state}`, { method: 'POST' })).status).toBe(400);

  // The admin's browser: Slack's authorize page redirects to the loopback listener.
  await page.goto(authorizeUrl);
  await expect(page.getByRole('heading', { name: 'Signed in to Admit' })).toBeVisible();
  const session = await until(
    async () => {
      const s = await invoke<{ status: string; account?: { enterpriseId: string } }>(host, 'session:get');
      return s.status === 'signed_in' ? s : undefined;
    },
    15_000,
    'sign-in to finish',
  );
  expect(session.account?.enterpriseId).toMatch(/^E/);

  // One callback only: the listener is gone, a replay cannot even connect.
  await expect(fetch(`${loopback}/callback?code=again&state=${state}`)).rejects.toThrow();
});

test('no token, refresh token or verifier reaches the page, its storage, or the data directory', async ({
  page,
  world: { sim, host },
}) => {
  const { authorizeUrl } = await invoke<{ authorizeUrl: string }>(host, 'session:signIn');
  const login = await page.context().newPage();
  await login.goto(authorizeUrl);
  await until(
    async () => {
      const s = await invoke<{ status: string }>(host, 'session:get');
      return s.status === 'signed_in' ? true : undefined;
    },
    15_000,
    'sign-in',
  );
  await login.close();

  // Everything the page receives from main, over every channel it uses and every event.
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/api/')) bodies.push(await response.text().catch(() => ''));
  });
  await page.goto(host.url);
  await expect(page.getByRole('listbox', { name: 'Requests' })).toBeVisible();
  type Row = { id: string; appId: string; teamId: string; level: string; appIconUrl: string };
  // The first sync runs in the background after sign-in: wait for its rows rather than racing it.
  const inbox = await until(
    async () => {
      const page = await invoke<{ items: Row[] }>(host, 'inbox:list', { offset: 0, limit: 1000 });
      return page.items.length >= 2 ? page : undefined;
    },
    15_000,
    'the first sync to bring two requests',
  );
  const [first, second] = inbox.items;
  const approve = (r: { id: string; appId: string; teamId: string; level: string }) => ({
    kind: 'approve',
    requestId: r.id,
    appId: r.appId,
    target: r.level === 'org' ? { enterpriseId: r.teamId } : { teamId: r.teamId },
  });
  const queued = await invoke<{ id: string }>(host, 'actions:enqueue', approve(first!));
  // Every channel of the contract, each with a valid input; sign-out last.
  const inputs: Record<ChannelName, unknown> = {
    'session:get': undefined,
    'session:connectDemo': undefined,
    'session:connectToken': { token: 'xoxp-0000000000-not-valid' },
    'session:signIn': undefined,
    'session:cancelSignIn': undefined,
    'session:switch': { enterpriseId: 'E0NOTSTORED' },
    'inbox:list': { offset: 0, limit: 10 },
    'inbox:get': { id: second!.id },
    'inbox:refresh': undefined,
    'sync:targets': undefined,
    'inventory:list': { status: 'approved', offset: 0, limit: 10 },
    'recovery:list': undefined,
    'recovery:requeue': { file: 'admit.sqlite.corrupt-none.unsent-actions.json', ids: ['none'] },
    'recovery:dismiss': { file: 'admit.sqlite.corrupt-none.unsent-actions.json' },
    'actions:enqueue': approve(second!),
    'actions:enqueueMany': [approve(second!)],
    'actions:list': undefined,
    'actions:undo': { id: queued.id },
    'actions:undoLast': undefined,
    'actions:retry': { id: queued.id },
    'actions:discard': { id: queued.id },
    'audit:export': { format: 'json' },
    'icons:get': { url: first!.appIconUrl },
    'connection:get': undefined,
    'connection:hint': { online: true },
    'settings:get': undefined,
    'settings:set': { singleKeyShortcuts: true },
    'rules:list': undefined,
    'rules:dryRun': { rules: [{ name: 'Draft', then: 'review' }] },
    'rules:setPersonal': { rules: [] },
    'rules:acceptSuggestions': { requestIds: [second!.id] },
    'app:openExternal': { url: 'https://slack.com/help' },
    'session:signOut': { force: true },
  };
  const order = [
    ...channelNames.filter((c) => !c.startsWith('session:')),
    ...channelNames.filter((c) => c.startsWith('session:')),
  ];
  const answers: unknown[] = [];
  for (const channel of order) answers.push(await invokeRaw(host, channel, inputs[channel]));
  expect(Object.keys(inputs).sort()).toEqual([...channelNames].sort());
  // Everything the page itself keeps (evaluated as a string: this file is typed for Node, not the DOM).
  const storage = await page.evaluate<string>(`(async () => JSON.stringify({
    local: { ...localStorage },
    session: { ...sessionStorage },
    cookie: document.cookie,
    dbs: (await indexedDB.databases()).map((d) => d.name),
  }))()`);
  const seen = [...bodies, ...answers.map((a) => JSON.stringify(a)), storage];
  for (const text of seen) {
    expect(text).not.toMatch(TOKEN_PATTERN);
    expect(text).not.toContain(sim.token);
    expect(text).not.toMatch(/refresh_token|code_verifier|access_token/);
  }
  for (const file of await filesUnder(host.dataDir)) {
    const content = await readFile(file, 'latin1');
    expect(content, file).not.toMatch(TOKEN_PATTERN);
  }
});
