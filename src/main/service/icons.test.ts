import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator';
import type { InboxPage } from '../../shared/view-types';
import { ORG_DB_FILE } from '../store/org-store';
import { startHarness, type Harness } from './test-support/service-harness';

let h: Harness;
afterEach(() => h?.close());

const inbox = (): Promise<InboxPage> => h.call<InboxPage>('inbox:list', { offset: 0, limit: 1000 });

/** How many icons the org's database holds as images, read beside the service. */
const storedIcons = (): number => {
  const db = new DatabaseSync(path.join(h.dataDir, 'orgs', h.sim.enterpriseId, ORG_DB_FILE), {
    readOnly: true,
  });
  try {
    return Number(
      (db.prepare('SELECT count(*) AS n FROM icons WHERE bytes IS NOT NULL').get() as { n: number }).n,
    );
  } finally {
    db.close();
  }
};

describe('app icons through the service', () => {
  it('are fetched in the background after a sync, kept in the cache, and still there with Slack unplugged', async () => {
    const sim = await startSimulator({ rateScale: 60 });
    h = await startHarness({ sim });
    await h.signIn();
    const urls = [...new Set((await inbox()).items.map((r) => r.appIconUrl).filter(Boolean))];
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) expect(url.startsWith(sim.origin)).toBe(true);
    // Nobody asked for them: the sync's prefetch brings every one into the org's database.
    for (let i = 0; i < 200 && storedIcons() < urls.length; i++) await new Promise((r) => setTimeout(r, 25));
    expect(storedIcons()).toBe(urls.length);
    await sim.close();
    for (const url of urls) {
      expect(await h.call<string | null>('icons:get', { url })).toMatch(/^data:image\/png;base64,/);
    }
  });

  it('answer null, not an error, for a URL Admit may not fetch or that has no icon', async () => {
    h = await startHarness();
    await h.signIn();
    expect(await h.call('icons:get', { url: 'https://evil.example/icon.png' })).toBeNull();
    expect(await h.call('icons:get', { url: `${h.sim.origin}/avatars/sim/missing.png` })).toBeNull();
    expect(await h.call('icons:get', { url: 'not a url' })).toBeNull();
  });
});
