/** The signed-out screen: sign in with Slack, use a token, reopen a stored org, or try the demo org. */
import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountSummary, SignInOptionsView } from '../../../shared/view-types';
import { useAppStore, useController } from './context';
import { slackAppManifestText, slackAppManifestUrl } from './slack-app-manifest';

/** Creating the Slack app Admit signs in with, from the manifest in resources/. */
const SlackAppSetup = () => {
  const controller = useController();
  const [copied, setCopied] = useState(false);
  const copy = (): void =>
    void navigator.clipboard
      ?.writeText(slackAppManifestText)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  return (
    <section className="card" aria-labelledby="slack-app-title">
      <h2 id="slack-app-title">Your Slack app</h2>
      <p>
        Admit signs in through a Slack app of your own. Create it with its redirect URLs and scopes filled in,
        then turn on PKCE under OAuth &amp; Permissions and install it on the whole org.
      </p>
      <button type="button" onClick={() => void controller.openLink(slackAppManifestUrl)}>
        Create the Slack app from this manifest
      </button>
      <details>
        <summary>Show the manifest</summary>
        <pre className="manifest" tabIndex={0} aria-label="Slack app manifest">
          {slackAppManifestText}
        </pre>
        <button type="button" onClick={copy}>
          Copy manifest
        </button>{' '}
        {copied && <span role="status">Copied</span>}
      </details>
    </section>
  );
};

type Run = (work: () => Promise<unknown>) => Promise<void>;

/** The orgs with stored credentials: one button each to open it again. */
const StoredOrgs = ({ accounts, busy, run }: { accounts: AccountSummary[]; busy: boolean; run: Run }) => {
  const controller = useController();
  return (
    <section className="card" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Your orgs</h2>
      <ul className="accounts">
        {accounts.map((a) => (
          <li key={a.enterpriseId}>
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(() => controller.switchTo(a.enterpriseId))}
            >
              Open {a.enterpriseName || a.enterpriseId}
            </button>{' '}
            <span className="meta">as {a.userName}</span>
          </li>
        ))}
      </ul>
    </section>
  );
};

/** Sign in with Slack (OAuth in the system browser), and the wait for it with a way out. */
const SlackSignIn = ({
  busy,
  run,
  waiting,
  setWaiting,
}: {
  busy: boolean;
  run: Run;
  /** Kept by the screen, so it outlives this card. */
  waiting: boolean;
  setWaiting: (waiting: boolean) => void;
}) => {
  const controller = useController();
  // A failed sign-in shows in the central notice; the waiting line goes away with it.
  const failed = useAppStore((s) => s.notice !== null);
  const signIn = (): void =>
    void run(async () => {
      setWaiting(await controller.signIn());
    });
  return (
    <section className="card" aria-labelledby="oauth-title">
      <h2 id="oauth-title">Sign in with Slack</h2>
      <p>
        Opens Slack in your browser to approve Admit for your Enterprise org (org owners and admins). Note:
        once an app manages approvals with <code>admin.apps:write</code> for the whole org, Slack turns off
        its own app approval screens for that org — decisions are then made here.
      </p>
      {waiting && !failed ? (
        <p role="status">
          Waiting for Slack in your browser…{' '}
          <button
            type="button"
            onClick={() => {
              setWaiting(false);
              void controller.cancelSignIn();
            }}
          >
            Cancel sign-in
          </button>
        </p>
      ) : (
        <button type="button" className="primary" disabled={busy} onClick={signIn}>
          Sign in with Slack
        </button>
      )}
    </section>
  );
};

/** A pasted admin token, and where it will be kept. */
const TokenSignIn = ({
  busy,
  run,
  options,
}: {
  busy: boolean;
  run: Run;
  options: SignInOptionsView | null;
}) => {
  const controller = useController();
  const [token, setToken] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void run(async () => {
      if (await controller.connectToken(token)) setToken('');
    });
  };
  return (
    <section className="card" aria-labelledby="token-title">
      <h2 id="token-title">Use a token</h2>
      <p>An org-level admin user token (xoxp-…) from your own Slack app, installed on the whole org.</p>
      <form onSubmit={submit}>
        <label htmlFor="token">Token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" disabled={busy || token.trim().length === 0}>
          Connect
        </button>
      </form>
      {options?.tokenStorage === 'memory' && (
        <p className="hint">
          {options.storageNote ?? 'Tokens are kept in memory only: you will sign in again next time.'}
        </p>
      )}
    </section>
  );
};

/** Sign-in choices for a signed-out admin. */
export const ConnectScreen = () => {
  const controller = useController();
  const options = useAppStore(useShallow((s) => (s.session?.status === 'signed_out' ? s.session : null)));
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);

  const run = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="connect" aria-busy={busy}>
      <h1>Admit</h1>
      <p className="lede">
        Triage your Slack Enterprise org’s app requests: fast, by keyboard, online or not.
      </p>
      {options && options.problems.length > 0 && (
        <ul className="card problems" aria-label="Things to know">
          {options.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {options && options.accounts.length > 0 && (
        <StoredOrgs accounts={options.accounts} busy={busy} run={run} />
      )}
      {options?.oauthAvailable && (
        <SlackSignIn busy={busy} run={run} waiting={waiting} setWaiting={setWaiting} />
      )}
      <TokenSignIn busy={busy} run={run} options={options} />
      <SlackAppSetup />
      {options?.demoAvailable && (
        <section className="card" aria-labelledby="demo-title">
          <h2 id="demo-title">New here?</h2>
          <p>
            Explore a built-in demo org: four workspaces and requests for the whole org. Nothing is sent to
            Slack.
          </p>
          <button type="button" disabled={busy} onClick={() => void run(controller.connectDemo)}>
            Try the demo org
          </button>
        </section>
      )}
    </main>
  );
};
