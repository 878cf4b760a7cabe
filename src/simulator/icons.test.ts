import { describe, expect, it } from 'vitest';
import { ICON_PATH } from './icons';
import { HQ, setup } from './test-support/simulator-setup';

type Listed = { body: { app_requests: { app: { id: string; icons: Record<string, string> | null } }[] } };

const pngSize = (bytes: Buffer): [number, number] => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

describe('app icons, served as Slack’s CDN would', () => {
  it('names every icon on the simulator’s own origin and serves it as a PNG of that size', async () => {
    const { sim, call } = await setup();
    const listed = (await call('admin.apps.requests.list', { team_id: HQ, limit: 10 })) as unknown as Listed;
    const withIcons = listed.body.app_requests.filter((r) => r.app.icons);
    expect(withIcons.length).toBeGreaterThan(0);
    for (const request of withIcons) {
      for (const url of Object.values(request.app.icons ?? {})) {
        expect(url.startsWith(`${sim.origin}${ICON_PATH}`)).toBe(true);
      }
    }
    const url = withIcons[0]?.app.icons?.['image_64'] ?? '';
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(bytes)).toEqual([64, 64]);
  });

  it('answers 404 for a file it does not have, and draws each app in its own colour', async () => {
    const { sim } = await setup();
    expect((await fetch(`${sim.origin}${ICON_PATH}A1_65.png`)).status).toBe(404);
    expect((await fetch(`${sim.origin}${ICON_PATH}nothing.svg`)).status).toBe(404);
    const a = Buffer.from(await (await fetch(`${sim.origin}${ICON_PATH}A0ONE_32.png`)).arrayBuffer());
    const b = Buffer.from(await (await fetch(`${sim.origin}${ICON_PATH}A0TWO_32.png`)).arrayBuffer());
    expect(a.equals(b)).toBe(false);
  });
});
