/** The "Scope changes" view: requested scopes against the previous decision and what is approved now. */
import type { Change, RequestDetail, ScopeDiff, ScopeDiffRow } from '../../../shared/view-types';
import { approvalPlan, scopeKey } from '../store/decisions';
import { useAppStore, useController } from './context';

const changeLabel: Record<Change, string> = { added: 'Added', unchanged: 'Unchanged', removed: 'Removed' };

const Row = ({
  row,
  diff,
  checked,
  onToggle,
}: {
  row: ScopeDiffRow;
  diff: ScopeDiff;
  checked: boolean;
  onToggle: () => void;
}) => {
  const id = `scope-${scopeKey(row).replace(/[^\w-]/g, '_')}`;
  return (
    <tr
      className={`scope change-${row.vsPrevious ?? row.vsApproved}${row.requested ? '' : ' not-requested'}`}
    >
      <td>
        {row.requested && row.optional ? (
          <input
            id={id}
            type="checkbox"
            checked={checked}
            onChange={onToggle}
            aria-label={`Include optional scope ${row.name}`}
          />
        ) : (
          <span aria-hidden="true" className="fixed-mark">
            {row.requested ? '•' : ''}
          </span>
        )}
      </td>
      <th scope="row">
        <code>{row.name}</code>
        {row.sensitive && <span className="badge sensitive">Sensitive</span>}
        {row.optional && <span className="badge">Optional</span>}
        <div className="scope-desc">{row.description}</div>
      </th>
      <td className={`risk risk-${row.risk}`}>{row.risk.charAt(0).toUpperCase() + row.risk.slice(1)}</td>
      {diff.hasPrevious && <td>{row.vsPrevious ? changeLabel[row.vsPrevious] : '—'}</td>}
      <td>{changeLabel[row.vsApproved]}</td>
    </tr>
  );
};

const Group = ({ title, rows, diff }: { title: string; rows: ScopeDiffRow[]; diff: ScopeDiff }) => {
  const deselected = useAppStore((s) => s.deselected);
  const toggleScope = useAppStore((s) => s.toggleScope);
  if (rows.length === 0) return null;
  return (
    <table className="scope-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">Include</span>
          </th>
          <th scope="col">Scope</th>
          <th scope="col">Risk</th>
          {diff.hasPrevious && <th scope="col">Vs previous decision</th>}
          <th scope="col">Vs approved now</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Row
            key={scopeKey(row)}
            row={row}
            diff={diff}
            checked={!deselected.has(scopeKey(row))}
            onToggle={() => toggleScope(scopeKey(row))}
          />
        ))}
      </tbody>
    </table>
  );
};

/** Says when the chosen scopes cannot be approved as chosen, and offers Restrict instead. */
const ApprovalBlocked = ({ detail }: { detail: RequestDetail }) => {
  const deselected = useAppStore((s) => s.deselected);
  const controller = useController();
  const plan = approvalPlan(detail, deselected);
  if (plan.ok) return null;
  return (
    <div className="approval-blocked" role="note" aria-label="Approval not possible">
      <p>{plan.reason}</p>
      <button type="button" onClick={() => void controller.decide('restrict')}>
        Restrict instead
      </button>
    </div>
  );
};

/** Bot and user token scopes in separate groups; optional scopes can be left out of an approval. */
export const ScopeChanges = ({ detail }: { detail: RequestDetail }) => {
  const diff = detail.scopeDiff;
  return (
    <section className="scope-changes" aria-labelledby="scope-title">
      <h3 id="scope-title">Scope changes</h3>
      <p className="hint-soft">
        {diff.hasPrevious ? 'Compared with the previous decision and ' : 'Compared with '}
        {diff.hasApproved ? 'what is approved now.' : 'nothing approved yet.'}
      </p>
      <ApprovalBlocked detail={detail} />
      <Group title="Bot token scopes" rows={diff.bot} diff={diff} />
      <Group title="User token scopes" rows={diff.user} diff={diff} />
    </section>
  );
};
