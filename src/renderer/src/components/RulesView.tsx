/**
 * The Rules tab (`g u`): the approval rules in force, first match wins, each with how many pending
 * requests it would decide now. Managed rules are locked; the admin's own rules are edited as JSON,
 * and every edit is dry-run against the cached requests before anything is saved.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApprovalRule, RuleView, RulesView as RulesModel } from '../../../shared/rules';
import { useController } from './context';
import { panelId, tabId } from './ViewTabs';

const outcomes: Record<ApprovalRule['then'], string> = {
  approve: 'Approve',
  restrict: 'Restrict',
  cancel: 'Cancel the request',
  review: 'Leave for review',
};

/** "Approve at the whole org, automatically": what a rule does, in words. */
export const ruleOutcomeText = (rule: ApprovalRule): string => {
  const where =
    rule.then === 'approve' || rule.then === 'restrict'
      ? rule.level === 'org'
        ? ' for the whole org'
        : ''
      : '';
  const how = rule.then === 'review' ? '' : rule.apply === 'auto' ? ', automatically' : ', as a suggestion';
  return `${outcomes[rule.then]}${where}${how}`;
};

const conditionText = (rule: ApprovalRule): string => {
  const parts = Object.entries(rule.when).map(
    ([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
  );
  return parts.length > 0 ? `When ${parts.join('; ')}` : 'Every request';
};

const matchText = (r: RuleView): string => {
  if (r.matches === 0) return 'Matches no pending request now';
  const rest = r.matches - r.sample.length;
  const names = r.sample.join(', ') + (rest > 0 ? ` and ${rest} more` : '');
  return `Matches ${r.matches} pending ${r.matches === 1 ? 'request' : 'requests'} now: ${names}`;
};

const personalText = (view: RulesModel): string =>
  JSON.stringify(
    view.rules.filter((r) => r.source === 'personal').map((r) => r.rule),
    null,
    2,
  );

/** Parses the editor's text into a list, or says why it cannot. */
const readDraft = (text: string): { rules: unknown[] } | { error: string } => {
  try {
    const value: unknown = JSON.parse(text.trim() === '' ? '[]' : text);
    return Array.isArray(value) ? { rules: value } : { error: 'Must be a list of rules: [ { … }, … ]' };
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
};

/** What a screen reader hears for a rule: everything the item shows, in its order. */
export const ruleItemLabel = (entry: RuleView): string =>
  [
    `${entry.rule.name}: ${ruleOutcomeText(entry.rule)}`,
    entry.source === 'policy' ? 'Managed by your organization' : '',
    conditionText(entry.rule),
    matchText(entry),
  ]
    .filter(Boolean)
    .join('. ');

const RuleItem = ({ entry, posinset, setsize }: { entry: RuleView; posinset: number; setsize: number }) => (
  <li className="rule" aria-label={ruleItemLabel(entry)} aria-posinset={posinset} aria-setsize={setsize}>
    <strong>{entry.rule.name}</strong>
    {entry.source === 'policy' && <span className="badge">Managed by your organization</span>}
    <div>{ruleOutcomeText(entry.rule)}</div>
    <div className="hint-soft">{conditionText(entry.rule)}</div>
    <div data-testid="rule-matches">{matchText(entry)}</div>
  </li>
);

/**
 * The rules and the admin's draft of their own: loaded once, each edit dry-run by main (or said to
 * be invalid JSON), saved on request.
 */
const useRulesDraft = () => {
  const rules = useController().rules;
  const [view, setView] = useState<RulesModel | null>(null);
  const [text, setText] = useState('');
  const [draftError, setDraftError] = useState<string | null>(null);
  const [saveMessage, setSaveMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // Once the admin has typed, a late answer to the first load must not overwrite the draft.
  const edited = useRef(false);

  useEffect(() => {
    let live = true;
    void rules.list().then((result) => {
      if (!live || edited.current) return;
      if (result.ok) {
        setView(result.value);
        setText(personalText(result.value));
      } else setSaveMessage({ ok: false, text: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [rules]);

  const edit = (next: string): void => {
    edited.current = true;
    setText(next);
    setSaveMessage(null);
    const draft = readDraft(next);
    if ('error' in draft) {
      setDraftError(draft.error);
      return;
    }
    setDraftError(null);
    void rules.dryRun(draft.rules).then((result) => {
      if (result?.ok) setView(result.value);
    });
  };

  const save = async (): Promise<void> => {
    const draft = readDraft(text);
    if ('error' in draft) return;
    const result = await rules.save(draft.rules);
    if (result.ok) {
      setView(result.value);
      setText(personalText(result.value));
      setSaveMessage({ ok: true, text: 'Your rules are saved.' });
    } else setSaveMessage({ ok: false, text: result.error.message });
  };

  return { view, text, draftError, saveMessage, edit, save };
};

/** The Rules tab panel. */
export const RulesView = () => {
  const { view, text, draftError, saveMessage, edit, save } = useRulesDraft();
  const problems = view?.problems ?? [];
  return (
    <div
      className="view-panel rules-view"
      role="tabpanel"
      id={panelId('rules')}
      aria-labelledby={tabId('rules')}
    >
      <p className="hint-soft">
        Rules are tried in order; the first whose conditions all hold decides. Counts are what each rule would
        decide among the pending requests now.
      </p>
      {!view ? (
        <p>Loading rules…</p>
      ) : (
        <ol aria-label="Approval rules" className="rules">
          {view.rules.map((entry, i) => (
            <RuleItem
              key={`${entry.source}-${i}`}
              entry={entry}
              posinset={i + 1}
              setsize={view.rules.length}
            />
          ))}
        </ol>
      )}
      <label htmlFor="personal-rules">Your rules (JSON), tried after your organization&apos;s</label>
      <textarea
        id="personal-rules"
        rows={12}
        spellCheck={false}
        value={text}
        onChange={(e) => edit(e.target.value)}
        aria-invalid={draftError !== null || problems.length > 0}
        aria-describedby="personal-rules-problems"
      />
      <div id="personal-rules-problems" role="status">
        {view && !view.allowPersonalAuto && (
          <p className="hint-soft">Your organization allows your rules to suggest only (apply: suggest).</p>
        )}
        {draftError && <p className="error">{draftError}</p>}
        {problems.length > 0 && (
          <ul aria-label="Problems with your rules">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" onClick={() => void save()} disabled={draftError !== null || problems.length > 0}>
        Save my rules
      </button>
      {saveMessage && (
        <p role={saveMessage.ok ? 'status' : 'alert'} className={saveMessage.ok ? 'hint-soft' : 'error'}>
          {saveMessage.text}
        </p>
      )}
    </div>
  );
};
