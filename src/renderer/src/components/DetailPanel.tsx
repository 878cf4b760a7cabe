/** The "Request details" region: the app, the requester, the scope changes and the decision buttons. */
import { useShallow } from 'zustand/react/shallow';
import type { ActionView, RequestDetail } from '../../../shared/view-types';
import { isSafeLink } from '../store/links';
import { AppIcon } from './AppIcon';
import { ActionBar } from './ActionBar';
import { useAppStore, useController } from './context';
import { actionStateLabel, developerLabel, formatAge, isoOf, requestedOn } from './format';
import { ScopeChanges } from './ScopeChanges';
import { useNow } from './use-now';

/** Where the request is for, who asked and when, what was decided before, what is queued. */
const RequestFacts = ({
  current,
  queued,
  nowSeconds,
}: {
  current: RequestDetail;
  queued: ActionView | undefined;
  nowSeconds: number;
}) => (
  <dl className="facts">
    <dt>Workspace</dt>
    <dd>{current.level === 'org' ? 'Whole org (requested for every workspace)' : current.teamName}</dd>
    {current.orgResolution && (
      <>
        <dt>At the org</dt>
        <dd>{current.orgResolution === 'approved' ? 'Approved' : 'Restricted'} for the whole org</dd>
      </>
    )}
    <dt>Requested by</dt>
    <dd>
      {current.requesterName}
      {current.requesterEmail && <span className="meta"> · {current.requesterEmail}</span>}
    </dd>
    <dt>Waiting</dt>
    <dd>
      <time dateTime={isoOf(current.createdAt)} title={requestedOn(current.createdAt)}>
        {formatAge(current.createdAt, nowSeconds)}
      </time>
      <span className="meta"> · {requestedOn(current.createdAt)}</span>
    </dd>
    <dt>Previous decision</dt>
    <dd>{current.previousStatus ? current.previousStatus : 'None'}</dd>
    {queued && (
      <>
        <dt>Queued</dt>
        <dd>
          {queued.label} · {actionStateLabel[queued.state]}
        </dd>
      </>
    )}
  </dl>
);

/** Details of the active request, shown beside the list once opened. */
export const DetailPanel = () => {
  const { detail, activeId, queued, suggestion } = useAppStore(
    useShallow((s) => ({
      detail: s.detail,
      activeId: s.activeId,
      queued: s.activeId ? s.actionByRequest.get(s.activeId) : undefined,
      suggestion: s.activeId ? s.byId.get(s.activeId)?.suggestion : undefined,
    })),
  );
  const controller = useController();
  const nowSeconds = Math.floor(useNow(60_000) / 1000);
  const current = detail && detail.id === activeId ? detail : null;
  return (
    <section className="detail" aria-labelledby="detail-title" aria-busy={!current}>
      <header className="detail-header">
        <h2 id="detail-title">Request details</h2>
        <button type="button" className="link" onClick={controller.back} aria-keyshortcuts="Escape">
          Close details
        </button>
      </header>
      {!current ? (
        <p className="empty">Loading…</p>
      ) : (
        <div className="detail-body">
          <div className="app-head">
            <AppIcon name={current.appName} url={current.appIconUrl} size={40} />
            <div>
              <h3 className="app-title">{current.appName}</h3>
              <div className="meta">
                {developerLabel(current.developerType)} ·{' '}
                {current.directoryApproved ? 'Directory-approved' : 'Not in the Slack Marketplace directory'}
              </div>
            </div>
          </div>
          {current.appDescription && <p className="description">{current.appDescription}</p>}
          <RequestFacts current={current} queued={queued} nowSeconds={nowSeconds} />
          {current.message && (
            <blockquote className="message" aria-label="Requester’s message">
              {current.message}
            </blockquote>
          )}
          {current.links.filter((l) => isSafeLink(l.url)).length > 0 && (
            <ul className="links" aria-label="App links">
              {current.links
                .filter((l) => isSafeLink(l.url))
                .map((l) => (
                  <li key={l.url}>
                    <button type="button" className="link" onClick={() => controller.askOpenLink(l.url)}>
                      {l.label} ↗
                    </button>
                  </li>
                ))}
            </ul>
          )}
          {current.levelNote && <p className="level-note">{current.levelNote}</p>}
          {suggestion && !queued && (
            <p className="suggestion-bar">
              <span>{suggestion.text}</span>
              <button
                type="button"
                onClick={() => void controller.suggestions.acceptActive()}
                aria-keyshortcuts="Enter s"
              >
                Accept suggestion <kbd>Enter</kbd>
              </button>
            </p>
          )}
          <ActionBar orgOnly={current.level === 'org'} />
          <ScopeChanges detail={current} />
        </div>
      )}
    </section>
  );
};
