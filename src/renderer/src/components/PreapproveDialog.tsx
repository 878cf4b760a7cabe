/** "Approve or restrict an app by ID…": a decision on an app before anyone requests it. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Place, PreapprovalErrors, PreapprovalField, PreapprovalForm } from '../store/preapproval';
import { useAppStore, useController } from './context';
import { Dialog } from './Dialog';

const fieldId: Record<PreapprovalField, string> = {
  appId: 'preapprove-app-id',
  where: 'preapprove-where',
  botScopes: 'preapprove-bot-scopes',
  userScopes: 'preapprove-user-scopes',
};
const order: readonly PreapprovalField[] = ['appId', 'where', 'botScopes', 'userScopes'];
const errorId = (field: PreapprovalField): string => `${fieldId[field]}-error`;

const empty: PreapprovalForm = {
  appId: '',
  decision: 'approve',
  where: 'workspaces',
  teamIds: [],
  botScopes: '',
  userScopes: '',
  note: '',
};

/** The field's error, announced by the field it belongs to (aria-describedby). */
const FieldError = ({ field, errors }: { field: PreapprovalField; errors: PreapprovalErrors }) =>
  errors[field] ? (
    <p id={errorId(field)} className="field-error">
      {errors[field]}
    </p>
  ) : null;

type Change = (patch: Partial<PreapprovalForm>, field?: PreapprovalField) => void;
type Described = (
  field: PreapprovalField,
  hint?: string,
) => { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

/**
 * The form's state: its fields, the errors of the last refused submit (focus goes to the first of
 * them), the org's workspaces to choose from, and the submit itself.
 */
const usePreapprovalForm = () => {
  const controller = useController();
  const [form, setForm] = useState<PreapprovalForm>(empty);
  const [errors, setErrors] = useState<PreapprovalErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [workspaces, setWorkspaces] = useState<Place[] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let live = true;
    void controller.preapproval.workspaces().then((found) => live && setWorkspaces(found));
    return () => {
      live = false;
    };
  }, [controller]);

  // After a refused submit, focus goes to the first field with an error (its message is read with it).
  useEffect(() => {
    const first = order.find((f) => errors[f]);
    if (!first || attempt === 0) return;
    const find = (selector: string) => formRef.current?.querySelector<HTMLElement>(selector);
    const el =
      first === 'where'
        ? (find(`#${fieldId.where} [role=group] input`) ?? find(`#${fieldId.where} input:checked`))
        : find(`#${fieldId[first]}`);
    el?.focus();
  }, [attempt, errors]);

  const change: Change = (patch, field) => {
    setForm((f) => ({ ...f, ...patch }));
    if (field && errors[field]) setErrors(({ [field]: _dropped, ...rest }) => rest);
  };
  const toggleTeam = (id: string, on: boolean): void =>
    change({ teamIds: on ? [...form.teamIds, id] : form.teamIds.filter((t) => t !== id) }, 'where');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const found = await controller.preapproval.submit(form, workspaces ?? []);
    setBusy(false);
    setErrors(found);
    setAttempt((n) => n + 1);
  };

  const described: Described = (field, hint) => ({
    'aria-invalid': errors[field] ? (true as const) : undefined,
    'aria-describedby':
      [hint, errors[field] ? errorId(field) : undefined].filter(Boolean).join(' ') || undefined,
  });
  return { form, errors, busy, workspaces, formRef, change, toggleTeam, submit, described };
};

/** Where: chosen workspaces (a checkbox each, once known) or the whole org. */
const WhereFieldset = ({
  form,
  errors,
  workspaces,
  change,
  toggleTeam,
}: {
  form: PreapprovalForm;
  errors: PreapprovalErrors;
  workspaces: Place[] | null;
  change: Change;
  toggleTeam: (id: string, on: boolean) => void;
}) => {
  const org = useAppStore((s) => (s.session?.status === 'signed_in' ? s.session.account.enterpriseName : ''));
  return (
    <fieldset id={fieldId.where} aria-describedby={errors.where ? errorId('where') : undefined}>
      <legend>Where</legend>
      <label className="setting">
        <input
          type="radio"
          name="preapprove-where"
          checked={form.where === 'workspaces'}
          onChange={() => change({ where: 'workspaces' }, 'where')}
        />
        Chosen workspaces
      </label>
      {form.where === 'workspaces' && (
        <div className="preapprove-teams" role="group" aria-label="Workspaces">
          {workspaces === null && <p className="hint-soft">Loading workspaces…</p>}
          {workspaces?.length === 0 && (
            <p className="hint-soft">
              No workspace is known yet: they are listed after the first sync. The whole org can still be
              chosen.
            </p>
          )}
          {workspaces?.map((w) => (
            <label key={w.id} className="setting">
              <input
                type="checkbox"
                checked={form.teamIds.includes(w.id)}
                onChange={(e) => toggleTeam(w.id, e.target.checked)}
              />
              {w.name}
            </label>
          ))}
        </div>
      )}
      <label className="setting">
        <input
          type="radio"
          name="preapprove-where"
          checked={form.where === 'org'}
          onChange={() => change({ where: 'org' }, 'where')}
        />
        Whole org{org ? ` (${org})` : ''}
      </label>
      <FieldError field="where" errors={errors} />
    </fieldset>
  );
};

type ScopeFieldProps = {
  form: PreapprovalForm;
  errors: PreapprovalErrors;
  change: Change;
  described: Described;
};

/** One token type's scope list, described by the fieldset's hint and its own error. */
const ScopeInput = ({
  field,
  label,
  placeholder,
  form,
  errors,
  change,
  described,
}: ScopeFieldProps & { field: 'botScopes' | 'userScopes'; label: string; placeholder: string }) => (
  <>
    <label htmlFor={fieldId[field]}>{label}</label>
    <input
      id={fieldId[field]}
      type="text"
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder}
      value={form[field]}
      onChange={(e) => change({ [field]: e.target.value }, field)}
      {...described(field, 'preapprove-scopes-hint')}
    />
    <FieldError field={field} errors={errors} />
  </>
);

/** For an approval: the bot and user scopes to approve, when not all the app requests. */
const ScopesFieldset = (props: ScopeFieldProps) => (
  <fieldset>
    <legend>Scopes to approve (optional)</legend>
    <p id="preapprove-scopes-hint" className="hint-soft">
      Comma or space separated. Leave both empty to approve the scopes the app requests. A list left empty
      approves every scope of that token type the app requests.
    </p>
    <ScopeInput field="botScopes" label="Bot scopes" placeholder="chat:write, commands" {...props} />
    <ScopeInput field="userScopes" label="User scopes" placeholder="search:read" {...props} />
  </fieldset>
);

/** The dialog: App ID, decision, where, and for an approval the scopes. */
export const PreapproveDialog = ({ onClose }: { onClose: () => void }) => {
  const { form, errors, busy, workspaces, formRef, change, toggleTeam, submit, described } =
    usePreapprovalForm();
  const approve = form.decision === 'approve';

  return (
    <Dialog title="Approve or restrict an app by ID" onClose={onClose} className="preapprove">
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={fieldId.appId}>App ID</label>
        <input
          id={fieldId.appId}
          type="text"
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          value={form.appId}
          onChange={(e) => change({ appId: e.target.value }, 'appId')}
          {...described('appId', 'preapprove-app-id-hint')}
        />
        <p id="preapprove-app-id-hint" className="hint-soft">
          Slack shows it on the app’s page and in its manifest: A followed by capital letters and digits.
        </p>
        <FieldError field="appId" errors={errors} />

        <fieldset>
          <legend>Decision</legend>
          <label className="setting">
            <input
              type="radio"
              name="preapprove-decision"
              checked={approve}
              onChange={() => change({ decision: 'approve' })}
            />
            Approve
          </label>
          <label className="setting">
            <input
              type="radio"
              name="preapprove-decision"
              checked={!approve}
              onChange={() => change({ decision: 'restrict' })}
            />
            Restrict
          </label>
        </fieldset>

        <WhereFieldset
          form={form}
          errors={errors}
          workspaces={workspaces}
          change={change}
          toggleTeam={toggleTeam}
        />

        {approve && <ScopesFieldset form={form} errors={errors} change={change} described={described} />}

        <label htmlFor="preapprove-note">Note for the audit log (optional)</label>
        <textarea
          id="preapprove-note"
          rows={2}
          maxLength={2000}
          value={form.note}
          onChange={(e) => change({ note: e.target.value })}
        />

        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {approve ? 'Queue approval' : 'Queue restriction'}
          </button>
        </div>
      </form>
    </Dialog>
  );
};
