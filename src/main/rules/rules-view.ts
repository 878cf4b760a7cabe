/** The Rules view's model: each rule in force with what it would decide among the cached requests. */
import type { AppRequest } from '../../shared/models';
import type { RulesView } from '../../shared/rules';
import type { OrgStore } from '../store/org-store';
import { dryRun } from './engine';
import type { RuleEntry } from './rule-book';

const PAGE = 500;

/** Every pending request in an org's cache, read a page at a time. */
export function* cachedRequests(
  store: Pick<OrgStore, 'listSummaries' | 'getRequest'>,
): Generator<AppRequest> {
  for (let offset = 0; ; offset += PAGE) {
    const page = store.listSummaries(offset, PAGE);
    for (const summary of page.items) {
      const request = store.getRequest(summary.id);
      if (request) yield request;
    }
    if (page.items.length < PAGE) return;
  }
}

/** Counts, with first-match semantics, what each rule would decide now. */
export const rulesView = (
  entries: readonly RuleEntry[],
  requests: Iterable<AppRequest>,
  allowPersonalAuto: boolean,
  problems: string[],
): RulesView => {
  const counts = dryRun(
    entries.map((e) => e.rule),
    requests,
  );
  return {
    rules: entries.map((entry, i) => ({
      ...entry,
      matches: counts[i]?.count ?? 0,
      sample: counts[i]?.sample ?? [],
    })),
    allowPersonalAuto,
    problems,
  };
};
