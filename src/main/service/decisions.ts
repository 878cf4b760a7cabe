/** The admin's decisions on an org: checked against what each request asked for, then queued. */
import type { ActionRequest, RuleRef } from '../../shared/actions';
import { planApproval } from '../../shared/approval';
import { AdmitError } from '../../shared/result';
import type { ActionView } from '../../shared/view-types';
import type { ActionQueue } from '../queue/action-queue';
import type { OrgStore } from '../store/org-store';
import { toActionView } from './views';

/**
 * An approval of a known request is checked against what it asked for, so it can never grant
 * more than the admin chose; the scope lists are sent exactly as planned.
 */
export const checkedAction = <T extends ActionRequest>(store: OrgStore, input: T): T => {
  if (input.kind !== 'approve') return input;
  if (!input.requestId) {
    // With no request to plan against, an empty list would reach Slack as "every requested scope"
    // (shared/approval.ts): refuse it now rather than let the Slack client refuse it in the queue.
    const empty =
      input.botScopes?.length === 0 ? 'bot_scopes' : input.userScopes?.length === 0 ? 'user_scopes' : null;
    if (empty) {
      throw new AdmitError(
        'invalid_input',
        `An empty ${empty} list would approve every scope the app requests: name at least one, or leave the list out.`,
      );
    }
    return input;
  }
  const request = store.getRequest(input.requestId);
  if (!request) return input;
  const requested = request.scopes.map((s) => ({ name: s.name, tokenType: s.token_type }));
  const chosen =
    input.botScopes === undefined && input.userScopes === undefined
      ? undefined
      : { botScopes: input.botScopes, userScopes: input.userScopes };
  const plan = planApproval(request.app.name, requested, chosen);
  if (!plan.ok) throw new AdmitError('invalid_input', plan.reason);
  const { botScopes: _b, userScopes: _u, ...rest } = input;
  return { ...rest, ...plan.send } as T;
};

/** The session's decision calls: enqueue (one or many), undo, retry, discard. */
export const createDecisions = (queue: ActionQueue, store: OrgStore) => ({
  enqueue: (input: ActionRequest): ActionView => toActionView(queue.enqueue(checkedAction(store, input))),
  /**
   * All committed together: every input is checked first, then one transaction writes them all.
   * An `id` (rules' automatic decisions use one per request) makes a repeat of it one decision.
   */
  enqueueMany: (inputs: readonly (ActionRequest & { id?: string; rule?: RuleRef })[]): ActionView[] =>
    queue.enqueueMany(inputs.map((input) => checkedAction(store, input))).map(toActionView),
  undo: (id: string): boolean => queue.undo(id),
  undoLast: (): ActionView | null => {
    const last = queue
      .snapshot()
      .actions.filter((r) => r.state === 'pending')
      .at(-1);
    return last && queue.undo(last.id) ? toActionView(last) : null;
  },
  retry: (id: string): boolean => queue.retry(id),
  discard: (id: string): boolean => queue.discard(id),
});
