/**
 * The `rules:*` channels (the rules in force, a draft's dry run, saving personal rules, accepting
 * suggestions) and the rule outcomes main adds to inbox rows on their way to the renderer.
 */
import type { EventName, EventPayload, EventSink, Handlers } from '../../shared/contract';
import { AdmitError, ok } from '../../shared/result';
import type { ActionView, RequestSummary } from '../../shared/view-types';
import { actionFor, factsOfRequest, firstMatch } from '../rules/engine';
import type { RuleBook } from '../rules/rule-book';
import { cachedRequests, rulesView } from '../rules/rules-view';
import { withSuggestions } from '../rules/suggestions';
import type { OrgSession } from './org-session';

const PAGE = 1000;

/** The one action id a rule's automatic decision on a request may have. */
export const autoActionId = (requestId: string): string => `rule-auto-${requestId}`;

/** Handlers over the rule book, against the active org's cached requests and queue. */
export const createRuleHandlers = (book: RuleBook, org: () => OrgSession, emit: EventSink) => {
  const active = () => book.entries().map((e) => e.rule);
  const view = (draft?: Parameters<RuleBook['entries']>[0], problems = book.problems()) =>
    rulesView(book.entries(draft), cachedRequests(org().store), book.allowPersonalAuto, problems);

  /** Every cached row again, with the suggestions of the rules now in force. */
  const resuggestAll = (): void => {
    const session = org();
    for (let offset = 0; ; offset += PAGE) {
      const page = session.list(offset, PAGE);
      if (page.items.length > 0) {
        emit('inbox:changed', {
          changed: withSuggestions(active(), page.items),
          removed: [],
          total: page.total,
        });
      }
      if (page.items.length < PAGE) return;
    }
  };

  const handlers: Pick<
    Handlers,
    'rules:list' | 'rules:dryRun' | 'rules:setPersonal' | 'rules:acceptSuggestions' | 'inbox:list'
  > = {
    'inbox:list': async ({ offset, limit }) => {
      const page = org().list(offset, limit);
      return ok({ ...page, items: withSuggestions(active(), page.items) });
    },
    'rules:list': async () => ok(view()),
    'rules:dryRun': async ({ rules }) => {
      const checked = book.check(rules);
      return ok(view(checked.rules, checked.problems));
    },
    'rules:setPersonal': async ({ rules }) => {
      book.setPersonal(rules);
      resuggestAll();
      return ok(view());
    },
    'rules:acceptSuggestions': async ({ requestIds }) => {
      const session = org();
      const rules = active();
      const actions = requestIds.flatMap((id) => {
        const request = session.store.getRequest(id);
        const match = request ? firstMatch(rules, factsOfRequest(request)) : null;
        const action =
          request && match ? actionFor(match.rule, request, session.enterpriseId, 'admin') : null;
        return action ? [action] : [];
      });
      if (actions.length === 0)
        throw new AdmitError('not_found', 'No rule suggests a decision for these requests.');
      return ok(session.enqueueMany(actions));
    },
  };

  /**
   * After a sync: each request it brought that an `auto` rule decides is queued at once (still
   * undoable while pending), exactly once: its action id is derived from the request, and one the
   * audit log has ever seen is never queued again.
   */
  const autoDecide = (added: readonly RequestSummary[]): ActionView[] => {
    if (added.length === 0) return [];
    const session = org();
    const rules = active();
    const actions = added.flatMap((row) => {
      const request = session.store.getRequest(row.id);
      const match = request ? firstMatch(rules, factsOfRequest(request)) : null;
      if (!request || match?.rule.apply !== 'auto') return [];
      const action = actionFor(match.rule, request, session.enterpriseId, 'rule');
      return action ? [{ ...action, id: autoActionId(request.id) }] : [];
    });
    const seen = session.store.auditedActionIds(actions.map((a) => a.id));
    const fresh = actions.filter((a) => !seen.has(a.id));
    return fresh.length > 0 ? session.enqueueMany(fresh) : [];
  };

  /** The event sink the org sessions use: inbox rows carry the current rules' suggestions. */
  const suggestingEmit: EventSink = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    if (event !== 'inbox:changed') return emit(event, payload);
    const rules = active();
    // The rows of a session's deltas come from the sync and carry no suggestions: with no rules in
    // force they go out as they are (a first sync's rows as the JSON texts the worker made).
    if (rules.length === 0) return emit(event, payload);
    const delta = payload as EventPayload<'inbox:changed'>;
    const changed: RequestSummary[] = delta.changed.length > 0 ? withSuggestions(rules, delta.changed) : [];
    emit('inbox:changed', { ...delta, changed });
  };

  return { handlers, emit: suggestingEmit, autoDecide };
};
