/** Slack rate tiers per method, read from the reference method JSON when present, else an embedded copy. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Slack's rate-limit tiers. */
export type Tier = 't1' | 't2' | 't3' | 't4' | 't5';

/** Calls allowed per minute per method and token for each tier (t5 is Slack's generous "special" tier). */
export const TIER_PER_MINUTE: Record<Tier, number> = { t1: 1, t2: 20, t3: 50, t4: 100, t5: 600 };

/**
 * Tiers of the methods the simulator serves, copied from shared/reference/slack-methods/*.json
 * (a test keeps this in step) so a packaged app without the reference still limits correctly.
 */
export const FALLBACK_TIERS: Record<string, Tier> = {
  'admin.apps.approve': 't2',
  'admin.apps.approved.list': 't2',
  'admin.apps.clearResolution': 't2',
  'admin.apps.requests.cancel': 't2',
  'admin.apps.requests.list': 't2',
  'admin.apps.restrict': 't2',
  'admin.apps.restricted.list': 't2',
  'admin.apps.uninstall': 't1',
  'admin.teams.list': 't3',
  'api.test': 't4',
  'auth.revoke': 't3',
  'auth.test': 't5',
};

const isTier = (v: unknown): v is Tier => typeof v === 'string' && /^t[1-5]$/.test(v);

/** Finds shared/reference: $ADMIT_REFERENCE_DIR, else `../shared/reference` beside the repo root. */
export function findReferenceDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.ADMIT_REFERENCE_DIR)
    return existsSync(env.ADMIT_REFERENCE_DIR) ? env.ADMIT_REFERENCE_DIR : undefined;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const ref = resolve(dir, '..', 'shared', 'reference');
      return existsSync(ref) ? ref : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads each served method's tier from the reference JSON, falling back per method to the embedded table. */
export function loadRateTiers(referenceDir: string | undefined = findReferenceDir()): Record<string, Tier> {
  const tiers = { ...FALLBACK_TIERS };
  if (!referenceDir) return tiers;
  for (const method of Object.keys(tiers)) {
    const file = join(referenceDir, 'slack-methods', `${method}.json`);
    try {
      const tier: unknown = (JSON.parse(readFileSync(file, 'utf8')) as { rate_limits?: unknown }).rate_limits;
      if (isTier(tier)) tiers[method] = tier;
    } catch {
      // Missing or unreadable file: keep the embedded tier.
    }
  }
  return tiers;
}
