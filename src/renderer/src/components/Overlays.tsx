/** The app's dialogs: shortcuts help, settings, uninstall confirmation, link confirmation. */
import { useState, type FormEvent } from 'react';
import { commands, displayKey, type CommandGroup } from '../keyboard/shortcuts';
import { CommandPalette } from './CommandPalette';
import { useAppStore, useController } from './context';
import { Dialog } from './Dialog';
import { isMac } from './platform';

const groups: CommandGroup[] = ['Move', 'Decide', 'Queue', 'View'];

/** "?": every shortcut, read from the same registry the key handler uses. */
export const ShortcutHelp = ({ onClose }: { onClose: () => void }) => {
  const singleKeys = useAppStore((s) => s.settings.singleKeyShortcuts);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="help">
      {!singleKeys && <p className="hint-soft">Single-key shortcuts are turned off in Settings.</p>}
      <div className="help-grid">
        {groups.map((g) => (
          <section key={g} aria-label={g}>
            <h3>{g}</h3>
            <dl>
              {commands
                .filter((c) => c.group === g && c.keys.length > 0)
                .map((c) => (
                  <div key={c.id} className="help-row">
                    <dt>{c.title}</dt>
                    <dd>
                      {c.keys.map((k) => (
                        <kbd key={k}>{displayKey(k, isMac)}</kbd>
                      ))}
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </Dialog>
  );
};

/** Settings, with those fixed by policy shown as managed. */
export const SettingsDialog = ({ onClose }: { onClose: () => void }) => {
  const settings = useAppStore((s) => s.settings);
  const controller = useController();
  const managed = settings.managed.includes('singleKeyShortcuts');
  return (
    <Dialog title="Settings" onClose={onClose}>
      <label className="setting">
        <input
          type="checkbox"
          checked={settings.singleKeyShortcuts}
          disabled={managed}
          aria-describedby="single-key-hint"
          onChange={(e) => void controller.setSingleKeyShortcuts(e.target.checked)}
        />
        Single-key shortcuts (j, k, a, r, c, u, x, /, ?)
      </label>
      <p id="single-key-hint" className="hint-soft">
        {managed
          ? 'Managed by your organization'
          : 'Turn off if you use speech input or keys get pressed by accident. Ctrl/⌘ shortcuts stay on.'}
      </p>
      <button type="button" onClick={onClose}>
        Done
      </button>
    </Dialog>
  );
};

/** Uninstall cannot be undone: the admin types the app's name to confirm. */
export const UninstallDialog = ({ requestId, onClose }: { requestId: string; onClose: () => void }) => {
  const request = useAppStore((s) => s.byId.get(requestId));
  const level = useAppStore((s) => s.level);
  const org = useAppStore((s) => (s.session?.status === 'signed_in' ? s.session.account.enterpriseName : ''));
  const controller = useController();
  const [typed, setTyped] = useState('');
  if (!request) return null;
  const where =
    level === 'org' || request.teamId.startsWith('E') ? `every workspace of ${org}` : request.teamName;
  const matches = typed.trim() === request.appName;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (matches) void controller.confirmUninstall(requestId);
  };
  return (
    <Dialog title={`Uninstall ${request.appName}?`} onClose={onClose} role="alertdialog">
      <form onSubmit={submit}>
        <p>
          This removes {request.appName} from {where}. <strong>It cannot be undone</strong>: people would have
          to request and install it again.
        </p>
        <label htmlFor="uninstall-confirm">Type {request.appName} to confirm</label>
        <input
          id="uninstall-confirm"
          type="text"
          autoComplete="off"
          value={typed}
          data-autofocus
          onChange={(e) => setTyped(e.target.value)}
        />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Keep it
          </button>
          <button type="submit" className="danger" disabled={!matches}>
            Uninstall
          </button>
        </div>
      </form>
    </Dialog>
  );
};

/** Links leave the app: show where to before opening. */
export const LinkDialog = ({ url, onClose }: { url: string; onClose: () => void }) => {
  const controller = useController();
  const host = new URL(url).host;
  return (
    <Dialog title="Open link in your browser?" onClose={onClose}>
      <p>
        This opens <strong>{host}</strong> in your browser.
      </p>
      <p className="url">{url}</p>
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Stay here
        </button>
        <button
          type="button"
          className="primary"
          data-autofocus
          onClick={() => void controller.openLink(url)}
        >
          Open {host}
        </button>
      </div>
    </Dialog>
  );
};

/** Signing out drops actions not yet sent: say so first. */
export const SignOutDialog = ({ unsent, onClose }: { unsent: number; onClose: () => void }) => {
  const controller = useController();
  return (
    <Dialog title="Sign out with unsent actions?" onClose={onClose} role="alertdialog">
      <p>
        {unsent} {unsent === 1 ? 'action has' : 'actions have'} not reached Slack yet. Signing out deletes
        them and this org’s local data.
      </p>
      <div className="dialog-buttons">
        <button type="button" data-autofocus onClick={onClose}>
          Stay signed in
        </button>
        <button type="button" className="danger" onClick={() => void controller.signOut(true)}>
          Sign out anyway
        </button>
      </div>
    </Dialog>
  );
};

/** Whichever dialog the store says is open. */
export const Overlays = () => {
  const overlay = useAppStore((s) => s.overlay);
  const setOverlay = useAppStore((s) => s.setOverlay);
  const close = () => setOverlay(null);
  if (!overlay) return null;
  switch (overlay.kind) {
    case 'palette':
      return <CommandPalette />;
    case 'help':
      return <ShortcutHelp onClose={close} />;
    case 'settings':
      return <SettingsDialog onClose={close} />;
    case 'uninstall':
      return <UninstallDialog requestId={overlay.requestId} onClose={close} />;
    case 'link':
      return <LinkDialog url={overlay.url} onClose={close} />;
    case 'signOut':
      return <SignOutDialog unsent={overlay.unsent} onClose={close} />;
  }
};
