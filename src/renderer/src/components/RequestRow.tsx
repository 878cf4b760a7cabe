/** One inbox row; re-renders only when its own request, action or selection changes. */
import { memo, useMemo, type MouseEvent } from 'react';
import type { ActionView, RequestSummary } from '../../../shared/view-types';
import { useAppStore } from './context';
import { AppIcon } from './AppIcon';
import { isOverdue } from '../store/overdue';
import { actionStateLabel, developerLabel, formatAge, isoOf, requestedOn } from './format';

type Props = {
  id: string;
  posinset: number;
  setsize: number;
  nowSeconds: number;
  top: number;
  height: number;
  onPick: (id: string, event: MouseEvent) => void;
};

/** Stable DOM id of a row, for aria-activedescendant. */
export const rowId = (id: string): string => `request-${id}`;

const kindVerb: Record<ActionView['kind'], string> = {
  approve: 'Approve',
  restrict: 'Restrict',
  cancel: 'Cancel',
  clearResolution: 'Clear',
  uninstall: 'Uninstall',
};

/**
 * The row's visible texts in reading order. The accessible name is these same words joined, so
 * what sighted speech-input users read is what they can say (WCAG 2.5.3, label in name).
 */
const pieces = (r: RequestSummary, action: ActionView | undefined, age: string, overdue: boolean) => ({
  app: r.appName,
  team: r.teamName,
  requester: r.requesterName,
  scopes: `${r.scopeCount} scopes`,
  sensitive: r.sensitiveCount > 0 ? `${r.sensitiveCount} sensitive` : '',
  fresh: r.newScopeCount > 0 ? `+${r.newScopeCount} new` : '',
  action: action ? `${kindVerb[action.kind]} · ${actionStateLabel[action.state]}` : '',
  // A queued decision replaces what a rule suggested.
  suggestion: !action && r.suggestion ? r.suggestion.text : '',
  overdue: overdue ? 'Overdue' : '',
  age,
  // Last in the DOM (the grid draws it after the app): a narrow list drops it, and the words a
  // speech-input user sees still run in the name's order (WCAG 2.5.3).
  developer: developerLabel(r.developerType),
  directory: r.directoryApproved ? 'Directory-approved' : '',
  // Heard with the age, as hovering its title shows it: "3 yr, Requested 3 March 2023, 14:05".
  exact: requestedOn(r.createdAt),
});

type Text = ReturnType<typeof pieces>;

/**
 * What a row shows of its request: the same elements until the request, its action or the clock
 * changes, so moving the selection re-renders only the row's outer element.
 */
const RowCells = memo(
  ({
    request,
    action,
    text,
    overdue,
    overdueAfterDays,
  }: {
    request: RequestSummary;
    action: ActionView | undefined;
    text: Text;
    overdue: boolean;
    overdueAfterDays: number;
  }) => (
    <>
      <AppIcon name={request.appName} url={request.appIconUrl} />
      <span className="cell app">
        <span className="app-name">{text.app}</span>{' '}
        <span className="meta">
          {text.team} · {text.requester}
        </span>
      </span>{' '}
      <span className="cell scopes">
        <span className={`risk risk-${request.risk}`} title={`Highest scope risk: ${request.risk}`}>
          {text.scopes}
        </span>{' '}
        <span className="badges">
          {text.sensitive && (
            <span className="badge sensitive" title="Requests sensitive scopes">
              {text.sensitive}
            </span>
          )}{' '}
          {text.fresh && (
            <span className="badge new" title="Scopes not covered by the previous decision">
              {text.fresh}
            </span>
          )}
        </span>
      </span>{' '}
      <span className="cell queued-action">
        {action && <span className={`badge state-${action.state}`}>{text.action}</span>}
        {text.suggestion && (
          <span className="badge suggestion" title="Press s, or Enter twice, to accept">
            {text.suggestion}
          </span>
        )}
      </span>{' '}
      <span className="cell when">
        {/* Said in words, not only by colour (WCAG 1.4.1). */}
        {overdue && (
          <span className="badge overdue" title={`Waiting more than ${overdueAfterDays} days`}>
            {text.overdue}
          </span>
        )}{' '}
        <time
          className={`age${overdue ? ' overdue' : ''}`}
          dateTime={isoOf(request.createdAt)}
          title={text.exact}
        >
          {text.age}
        </time>
      </span>{' '}
      <span className="cell kind">
        <span>{text.developer}</span> <span className="meta">{text.directory}</span>
      </span>
    </>
  ),
);
RowCells.displayName = 'RowCells';

/** A request as one dense, scannable line. */
export const RequestRow = memo(({ id, posinset, setsize, nowSeconds, top, height, onPick }: Props) => {
  const request = useAppStore((s) => s.byId.get(id));
  const active = useAppStore((s) => s.activeId === id);
  const picked = useAppStore((s) => s.picked.has(id));
  const action = useAppStore((s) => s.actionByRequest.get(id));
  const overdueAfterDays = useAppStore((s) => s.settings.overdueAfterDays);
  const shown = useMemo(() => {
    if (!request) return null;
    const overdue = isOverdue(request.createdAt, nowSeconds, overdueAfterDays);
    const text = pieces(request, action, formatAge(request.createdAt, nowSeconds), overdue);
    return { overdue, text, label: Object.values(text).filter(Boolean).join(', ') };
  }, [request, action, nowSeconds, overdueAfterDays]);
  if (!request || !shown) return null;
  return (
    <div
      id={rowId(id)}
      role="option"
      aria-selected={active}
      aria-checked={picked}
      aria-setsize={setsize}
      aria-posinset={posinset}
      aria-label={shown.label}
      data-request-id={id}
      className={`row${active ? ' active' : ''}${picked ? ' picked' : ''}${action ? ' queued' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={(event) => onPick(id, event)}
    >
      <span className={`pick-mark${picked ? ' on' : ''}`} aria-hidden="true" />
      <RowCells
        request={request}
        action={action}
        text={shown.text}
        overdue={shown.overdue}
        overdueAfterDays={overdueAfterDays}
      />
    </div>
  );
});
RequestRow.displayName = 'RequestRow';
