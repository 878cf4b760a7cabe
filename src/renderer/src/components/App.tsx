/** The app frame: the connect screen when signed out, the triage workspace when signed in. */
import { useEffect } from 'react';
import type { AccountSummary } from '../../../shared/view-types';
import { useShortcuts } from '../keyboard/use-shortcuts';
import { ConnectScreen } from './ConnectScreen';
import { useAppStore, useController } from './context';
import { DataNotices } from './DataNotices';
import { DetailPanel } from './DetailPanel';
import { FilterBar } from './FilterBar';
import { Inbox } from './Inbox';
import { KeyHint } from './KeyHint';
import {
  InventoryView,
  Loading,
  LoadingPanel,
  OnDemand,
  prefetchLazyViews,
  ReviewDialog,
  RulesView,
} from './lazy';
import { Overlays } from './Overlays';
import { QueuePanel } from './QueuePanel';
import { StatusBar } from './StatusBar';
import { panelId, tabId, ViewTabs } from './ViewTabs';

const LiveRegion = () => {
  const announcement = useAppStore((s) => s.announcement);
  return (
    <div className="sr-only" aria-live="polite" aria-atomic="true" data-testid="announcer">
      <span key={announcement.seq}>{announcement.text}</span>
    </div>
  );
};

/** The org, and the buttons that are always there: commands, shortcuts, settings, refresh, sign out. */
const TopBar = ({ account }: { account: AccountSummary }) => {
  const setOverlay = useAppStore((s) => s.setOverlay);
  const controller = useController();
  return (
    <header className="top-bar">
      <h1 className="brand">Admit</h1>
      <span className="org">
        {account.enterpriseName}
        {account.isDemo && <span className="badge demo">Demo</span>}
      </span>
      {/* The demo has no token to keep: it is a simulator started afresh at each launch. */}
      {account.tokenStorage === 'memory' && !account.isDemo && (
        <span className="hint">Token kept in memory only: you will sign in again next launch.</span>
      )}
      <span className="spacer" />
      <button
        type="button"
        onClick={() => setOverlay({ kind: 'palette' })}
        aria-keyshortcuts="Control+K Meta+K"
      >
        Commands
      </button>
      <button type="button" onClick={() => setOverlay({ kind: 'help' })} aria-keyshortcuts="?">
        Shortcuts
      </button>
      <button type="button" onClick={() => setOverlay({ kind: 'settings' })}>
        Settings
      </button>
      <button type="button" onClick={() => void controller.refresh()}>
        Refresh
      </button>
      <button type="button" onClick={() => void controller.signOut()}>
        Sign out
      </button>
    </header>
  );
};

const Workspace = () => {
  useShortcuts();
  const detailOpen = useAppStore((s) => s.detailOpen);
  const view = useAppStore((s) => s.view);
  const account = useAppStore((s) => (s.session?.status === 'signed_in' ? s.session.account : null));
  const reviewing = useAppStore((s) => s.overlay?.kind === 'review');
  // The inbox is up: fetch the views loaded on demand while nothing else is going on.
  useEffect(prefetchLazyViews, []);
  if (!account) return null;
  return (
    <div className="app-shell">
      <TopBar account={account} />
      <DataNotices />
      <KeyHint />
      <main className="views">
        <ViewTabs />
        {view === 'requests' ? (
          <div className="view-panel" role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)}>
            <FilterBar />
            <div className={`triage${detailOpen ? ' with-detail' : ''}`}>
              <Inbox />
              {detailOpen && <DetailPanel />}
              <QueuePanel />
            </div>
          </div>
        ) : (
          <OnDemand
            fallback={
              <LoadingPanel
                what={view === 'rules' ? 'the rules' : `the ${view} apps`}
                id={panelId(view)}
                labelledBy={tabId(view)}
              />
            }
          >
            {view === 'rules' ? <RulesView /> : <InventoryView key={view} status={view} />}
          </OnDemand>
        )}
      </main>
      <StatusBar />
      <LiveRegion />
      <Overlays />
      {reviewing && (
        <OnDemand fallback={<Loading what="the saved decisions" />}>
          <ReviewDialog />
        </OnDemand>
      )}
    </div>
  );
};

/** Top-level layout. */
export const App = () => {
  const status = useAppStore((s) => s.session?.status);
  if (!status) return <p className="splash">Loading…</p>;
  if (status === 'signed_out') {
    return (
      <div className="app-shell">
        <ConnectScreen />
        <StatusBar />
      </div>
    );
  }
  return <Workspace />;
};
