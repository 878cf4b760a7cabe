/** The decision buttons, where a decision applies, and the note kept in the audit log. */
import { useShallow } from 'zustand/react/shallow';
import type { Level } from '../store/decisions';
import { useAppStore, useController } from './context';
import { KeyButton } from './KeyButton';

/** Approve, Restrict, Cancel request, Clear resolution, Uninstall, with their keys. */
export const ActionBar = ({ orgOnly = false }: { orgOnly?: boolean }) => {
  const controller = useController();
  const { level, note, setLevel, setNote, picked } = useAppStore(
    useShallow((s) => ({
      level: s.level,
      note: s.note,
      setLevel: s.setLevel,
      setNote: s.setNote,
      picked: s.picked.size,
    })),
  );
  return (
    <div className="action-bar" role="group" aria-label="Decision">
      <fieldset className="level">
        <legend>Apply to</legend>
        {(['workspace', 'org'] as Level[]).map((l) => (
          <label key={l}>
            <input
              type="radio"
              name="level"
              value={l}
              checked={orgOnly ? l === 'org' : level === l}
              disabled={orgOnly && l === 'workspace'}
              onChange={() => setLevel(l)}
            />
            {l === 'workspace' ? 'This workspace' : 'Whole org'}
          </label>
        ))}
      </fieldset>
      <label className="note">
        <span>Note (kept in the audit log)</span>
        <input type="text" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      {picked > 0 && <p className="hint-soft">Applies to {picked} selected requests.</p>}
      <div className="buttons">
        <KeyButton keys="a" shown="a" className="primary" onClick={() => void controller.decide('approve')}>
          Approve
        </KeyButton>
        <KeyButton keys="r" shown="r" onClick={() => void controller.decide('restrict')}>
          Restrict
        </KeyButton>
        <KeyButton keys="c" shown="c" onClick={() => void controller.decide('cancel')}>
          Cancel request
        </KeyButton>
        <KeyButton keys="Shift+C" shown="⇧C" onClick={() => void controller.decide('clearResolution')}>
          Clear resolution
        </KeyButton>
        <KeyButton keys="Shift+U" shown="⇧U" className="danger" onClick={controller.askUninstall}>
          Uninstall
        </KeyButton>
      </div>
    </div>
  );
};
