/** One inbox row; re-renders only when its own request or its selection changes. */
import { memo } from 'react';
import type { RequestSummary } from '../../../shared/view-types';
import { developerLabel, formatAge, isOld } from './format';

type Props = {
  request: RequestSummary | undefined;
  index: number;
  total: number;
  selected: boolean;
  nowSeconds: number;
  top: number;
  height: number;
  onPick: (index: number) => void;
};

/** Stable DOM id of a row, for aria-activedescendant. */
export const rowId = (index: number): string => `request-row-${index}`;

/** A request as one dense, scannable line. */
export const RequestRow = memo(
  ({ request, index, total, selected, nowSeconds, top, height, onPick }: Props) => {
    const style = { transform: `translateY(${top}px)`, height };
    if (!request) {
      return (
        <div
          id={rowId(index)}
          role="option"
          aria-selected={selected}
          aria-setsize={total}
          aria-posinset={index + 1}
          className="row loading"
          style={style}
        >
          Loading…
        </div>
      );
    }
    const old = isOld(request.createdAt, nowSeconds);
    const label = `${request.appName}, ${request.teamName}, requested by ${request.requesterName}, ${request.scopeCount} scopes${request.sensitiveCount > 0 ? `, ${request.sensitiveCount} sensitive` : ''}`;
    return (
      <div
        id={rowId(index)}
        role="option"
        aria-selected={selected}
        aria-setsize={total}
        aria-posinset={index + 1}
        aria-label={label}
        className={`row${selected ? ' selected' : ''}`}
        style={style}
        onClick={() => onPick(index)}
      >
        <span className="app-icon" aria-hidden="true">
          {request.appName.charAt(0).toUpperCase()}
        </span>
        <span className="app">
          <span className="app-name">{request.appName}</span>
          <span className="meta">
            {developerLabel(request.developerType)}
            {request.directoryApproved ? ' · Directory-approved' : ''}
          </span>
        </span>
        <span className="team">{request.teamName}</span>
        <span className="requester">{request.requesterName}</span>
        <span className="scopes">
          {request.scopeCount} scopes
          {request.sensitiveCount > 0 && (
            <span className="badge sensitive" title="Requests sensitive scopes">
              {request.sensitiveCount} sensitive
            </span>
          )}
          {request.newScopeCount > 0 && (
            <span className="badge new" title="Scopes not covered by the previous decision">
              +{request.newScopeCount} new
            </span>
          )}
        </span>
        <span
          className={`age${old ? ' old' : ''}`}
          title={new Date(request.createdAt * 1000).toLocaleString()}
        >
          {formatAge(request.createdAt, nowSeconds)}
        </span>
      </div>
    );
  },
);
RequestRow.displayName = 'RequestRow';
