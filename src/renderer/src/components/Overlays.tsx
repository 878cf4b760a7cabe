/** The app's dialogs: shortcuts help, settings, uninstall confirmation, link confirmation. */
import { useState, type FormEvent } from 'react';
import { commands, displayKey, type CommandGroup } from '../keyboard/shortcuts';
import {
  askNotificationPermission,
  pageNotifications,
  type PageNotifications,
} from '../store/desktop-notifications';
import { CommandPalette } from './CommandPalette';
import { useAppStore, useController } from './context';
import { Dialog } from './Dialog';
import { Loading, OnDemand, PreapproveDialog } from './lazy';
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
                .filter((c) => c.group === g)
                .map((c) => (
                  <div key={c.id} className="help-row">
                    <dt>{c.title}</dt>
                    <dd>
                      {c.keys.map((k) => (
                        <kbd key={k}>{displayKey(k, isMac)}</kbd>
                      ))}
                      {c.keys.length === 0 && <span className="hint-soft">in the command palette</span>}
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
      <OverdueSetting />
      <NotificationSetting />
      <button type="button" onClick={onClose}>
        Done
      </button>
    </Dialog>
  );
};

const permissionHint: Record<PageNotifications, string> = {
  native: '',
  unsupported: 'This browser cannot show desktop notifications.',
  default: '',
  granted: '',
  denied: "Notifications are blocked in this browser's site settings for Admit.",
};

/** Desktop notifications for new requests, and (browser host) the browser's permission for them. */
const NotificationSetting = () => {
  const on = useAppStore((s) => s.settings.notifications);
  const managed = useAppStore((s) => s.settings.managed.includes('notifications'));
  const controller = useController();
  const [permission, setPermission] = useState(() => pageNotifications());
  return (
    <>
      <label className="setting">
        <input
          type="checkbox"
          checked={on}
          disabled={managed}
          aria-describedby="notifications-hint"
          onChange={(e) => void controller.setNotifications(e.target.checked)}
        />
        Desktop notifications for new requests
      </label>
      <p id="notifications-hint" className="hint-soft">
        {managed
          ? 'Managed by your organization'
          : permissionHint[permission] || 'One notice per sync that brings new requests.'}
      </p>
      {on && permission === 'default' && (
        // The browser asks only from a click: a prompt on load would be refused or held against the page.
        <button type="button" onClick={() => void askNotificationPermission().then(setPermission)}>
          Turn on desktop notifications
        </button>
      )}
    </>
  );
};

/** How many days a request may wait before it is marked overdue. */
const OverdueSetting = () => {
  const days = useAppStore((s) => s.settings.overdueAfterDays);
  const managed = useAppStore((s) => s.settings.managed.includes('overdueAfterDays'));
  const controller = useController();
  const [text, setText] = useState(String(days));
  const commit = (): void => {
    const value = Number(text);
    if (Number.isInteger(value) && value >= 1 && value <= 365) void controller.setOverdueAfterDays(value);
    else setText(String(days));
  };
  return (
    <>
      <label className="setting" htmlFor="overdue-days">
        Overdue after{' '}
        <input
          id="overdue-days"
          type="number"
          min={1}
          max={365}
          value={text}
          disabled={managed}
          aria-describedby="overdue-hint"
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />{' '}
        days
      </label>
      <p id="overdue-hint" className="hint-soft">
        {managed
          ? 'Managed by your organization'
          : 'Requests waiting longer are marked Overdue and counted in the status bar.'}
      </p>
    </>
  );
};

/** Uninstall cannot be undone: the admin types the app's name to confirm. */
export const UninstallDialog = ({ requestId, onClose }: { requestId: string; onClose: () => void }) => {
  const request = useAppStore((s) => s.byId.get(requestId));
  const level = useAppStore((s) => s.level);
  const org = useAppStore((s) => (s.session?.status === 'signed_in' ? s.session.account.enterpriseName : ''));
  const controller = useController();
  if (!request) return null;
  const where =
    level === 'org' || request.teamId.startsWith('E') ? `every workspace of ${org}` : request.teamName;
  return (
    <ConfirmUninstall
      appName={request.appName}
      where={where}
      onConfirm={() => void controller.confirmUninstall(requestId)}
      onClose={onClose}
    />
  );
};

/** Uninstall from the Approved or Restricted view: the same confirmation, for the row's place. */
export const UninstallAppDialog = ({ itemKey, onClose }: { itemKey: string; onClose: () => void }) => {
  const item = useAppStore(
    (s) =>
      s.inventories.approved.items.find((i) => i.key === itemKey) ??
      s.inventories.restricted.items.find((i) => i.key === itemKey),
  );
  const org = useAppStore((s) => (s.session?.status === 'signed_in' ? s.session.account.enterpriseName : ''));
  const controller = useController();
  if (!item) return null;
  return (
    <ConfirmUninstall
      appName={item.appName}
      where={item.level === 'org' ? `every workspace of ${org}` : item.targetName}
      onConfirm={() => void controller.inventory.confirmUninstall(itemKey)}
      onClose={onClose}
    />
  );
};

/** The confirmation itself: the admin types the app's name before Uninstall is enabled. */
const ConfirmUninstall = ({
  appName,
  where,
  onConfirm,
  onClose,
}: {
  appName: string;
  where: string;
  onConfirm: () => void;
  onClose: () => void;
}) => {
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === appName;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (matches) onConfirm();
  };
  return (
    <Dialog title={`Uninstall ${appName}?`} onClose={onClose} role="alertdialog">
      <form onSubmit={submit}>
        <p>
          This removes {appName} from {where}. <strong>It cannot be undone</strong>: people would have to
          request and install it again.
        </p>
        <label htmlFor="uninstall-confirm">Type {appName} to confirm</label>
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
    case 'uninstallApp':
      return <UninstallAppDialog itemKey={overlay.key} onClose={close} />;
    case 'link':
      return <LinkDialog url={overlay.url} onClose={close} />;
    case 'signOut':
      return <SignOutDialog unsent={overlay.unsent} onClose={close} />;
    case 'preapprove':
      return (
        <OnDemand fallback={<Loading what="the form" />}>
          <PreapproveDialog onClose={close} />
        </OnDemand>
      );
  }
};
