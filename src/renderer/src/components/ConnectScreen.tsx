/** The signed-out screen: try the demo org, or connect with an org-level admin token. */
import { useState, type FormEvent } from 'react';
import { useAppStore, useController } from './context';

/** Sign-in choices for a signed-out admin. */
export const ConnectScreen = () => {
  const controller = useController();
  const demoAvailable = useAppStore((s) => s.session?.status === 'signed_out' && s.session.demoAvailable);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void run(async () => {
      if (await controller.connectToken(token)) setToken('');
    });
  };

  return (
    <main className="connect" aria-busy={busy}>
      <h1>Admit</h1>
      <p className="lede">
        Triage your Slack Enterprise org’s app requests: fast, by keyboard, online or not.
      </p>
      {demoAvailable && (
        <section className="card" aria-labelledby="demo-title">
          <h2 id="demo-title">New here?</h2>
          <p>Explore a built-in demo org with 60 pending requests. Nothing is sent to Slack.</p>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void run(controller.connectDemo)}
          >
            Try the demo org
          </button>
        </section>
      )}
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
      </section>
    </main>
  );
};
