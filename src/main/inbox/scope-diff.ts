/**
 * The "Scope changes" view: what a request asks for against the previous decision on it and
 * against what is approved for the app at the same place now — bot and user token scopes apart.
 */
import type { Scope } from '../../shared/models';
import type { Change, ScopeDiff, ScopeDiffRow } from '../../shared/view-types';
import { scopeRisk } from './scope-catalog';

const key = (s: Pick<Scope, 'name' | 'token_type'>): string => `${s.token_type}:${s.name}`;

const change = (requested: boolean, before: boolean): Change =>
  requested && before ? 'unchanged' : requested ? 'added' : 'removed';

/**
 * Builds the diff. `previous` is null when the request has no previous resolution; `approved`
 * is what approved.list reports for this app at this workspace or org (empty when none).
 */
export const buildScopeDiff = (
  requested: readonly Scope[],
  previous: readonly Scope[] | null,
  approved: readonly Scope[],
): ScopeDiff => {
  const previousKeys = new Set((previous ?? []).map(key));
  const approvedKeys = new Set(approved.map(key));
  const requestedKeys = new Set(requested.map(key));
  const all = new Map<string, Scope>();
  // Requested scopes carry the freshest description and flags; older lists fill in the rest.
  for (const s of [...approved, ...(previous ?? []), ...requested]) all.set(key(s), s);

  const rows: ScopeDiffRow[] = [...all.entries()].map(([k, s]) => {
    const isRequested = requestedKeys.has(k);
    return {
      name: s.name,
      tokenType: s.token_type,
      description: s.description,
      sensitive: s.is_sensitive,
      optional: isRequested && s.is_optional === true,
      risk: scopeRisk(s),
      requested: isRequested,
      vsPrevious: previous === null ? null : change(isRequested, previousKeys.has(k)),
      vsApproved: change(isRequested, approvedKeys.has(k)),
    };
  });
  // Removed-from-everything rows only matter when they were granted somewhere.
  const shown = rows.filter((r) => r.requested || r.vsPrevious === 'removed' || r.vsApproved === 'removed');
  const byName = (a: ScopeDiffRow, b: ScopeDiffRow): number => a.name.localeCompare(b.name);
  return {
    bot: shown.filter((r) => r.tokenType === 'bot').sort(byName),
    user: shown.filter((r) => r.tokenType === 'user').sort(byName),
    hasPrevious: previous !== null,
    hasApproved: approved.length > 0,
  };
};
