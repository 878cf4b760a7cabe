/** The app frame: the connect screen when signed out, the inbox when signed in. */
import { ConnectScreen } from './ConnectScreen';
import { useAppStore, useController } from './context';
import { Inbox } from './Inbox';
import { StatusBar } from './StatusBar';

/** Top-level layout. */
export const App = () => {
  const session = useAppStore((s) => s.session);
  const controller = useController();
  if (!session) return <p className="splash">Loading…</p>;
  if (session.status === 'signed_out') {
    return (
      <div className="app">
        <ConnectScreen />
        <StatusBar />
      </div>
    );
  }
  const { account } = session;
  return (
    <div className="app">
      <header className="top-bar">
        <span className="brand">Admit</span>
        <span className="org">
          {account.enterpriseName}
          {account.isDemo && <span className="badge demo">Demo</span>}
        </span>
        {account.tokenStorage === 'memory' && (
          <span className="hint">Token kept in memory only: you will sign in again next launch.</span>
        )}
        <span className="spacer" />
        <button type="button" onClick={() => void controller.refresh()}>
          Refresh
        </button>
        <button type="button" onClick={() => void controller.signOut()}>
          Sign out
        </button>
      </header>
      <Inbox />
      <StatusBar />
    </div>
  );
};
