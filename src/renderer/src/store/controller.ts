/**
 * What the renderer does with the API: load the session, page the inbox in, follow main's events,
 * queue decisions. Every failed result goes to one place, the store's `notice`, which the app shows.
 * Each piece lives in its own module; this file puts them together into the one object the
 * components and the keyboard call.
 */
import type { AdmitApi } from '../../../shared/contract';
import type { AppStore } from './app-store';
import { createAuditExport } from './audit-export';
import { createDecide, createEnqueue, createQueueCommands } from './decision-commands';
import { createDetailLoader } from './detail-loader';
import { followEvents } from './follow-events';
import { createIconCache } from './icon-cache';
import { createInboxLoader } from './inbox-loader';
import { createInventoryController } from './inventory-controller';
import { createLinks } from './links';
import { createPreapprovalController } from './preapproval';
import { createPreferences } from './preferences';
import { createRulesController } from './rules-controller';
import { createSavedDecisions } from './saved-decisions';
import { createSelection, decisionTargets } from './selection';
import { createSessionCommands, createSessionLoader } from './session-controller';
import { createSettingsCommands } from './settings-commands';
import { createSuggestionsController } from './suggestions';
import { createUnwrap } from './unwrap';

export type Controller = ReturnType<typeof createController>;
export type { Move } from './selection';

/** Binds the API to a store. `start` subscribes to events and returns the unsubscribe function. */
export const createController = (api: AdmitApi, store: AppStore, win: Pick<Window, 'open'> = window) => {
  const unwrap = createUnwrap(store);
  const enqueue = createEnqueue(api, store, unwrap);
  const inbox = createInboxLoader(api, store, unwrap);
  const detail = createDetailLoader(api, store);
  const saved = createSavedDecisions(api, store, unwrap);
  const session = createSessionLoader(api, store, { unwrap, inbox, loadSaved: saved.load });
  // The Approved and Restricted views; keys that act on "the active row" act on theirs while shown.
  const inventory = createInventoryController(api, store, { unwrap, enqueue });
  // "Approve or restrict an app by ID…": decisions on apps nobody has requested yet.
  const preapproval = createPreapprovalController(api, store, { unwrap, enqueue });
  const suggestions = createSuggestionsController(api, store, {
    unwrap,
    targets: () => decisionTargets(store),
  });
  const selection = createSelection(store, { inventory, acceptActive: suggestions.acceptActive });
  const decisionDeps = { unwrap, enqueue, inventory, move: selection.move };

  return {
    start: (): (() => void) => {
      const offs = followEvents(api, store, {
        onSessionChanged: session.onChanged,
        inbox,
        inventory,
        refreshDetailFor: detail.refreshFor,
        keepActiveVisible: selection.keepActiveVisible,
        ensureDetail: detail.ensure,
      });
      void session.refresh();
      return () => offs.forEach((off) => off());
    },
    ...createSessionCommands(api, store, unwrap),
    refresh: inbox.refresh,
    move: selection.move,
    openDetail: selection.openDetail,
    back: selection.back,
    togglePick: selection.togglePick,
    clickRow: selection.clickRow,
    decide: createDecide(store, decisionDeps),
    /** Shows Requests, Approved or Restricted (the tabs, `g r`, `g a`, `g x`). */
    showView: inventory.show,
    inventory,
    preapproval,
    /** The Rules view's calls: list, dry-run a draft, save personal rules. */
    rules: createRulesController(api),
    /** "Accept suggestion" (`s`) and "Accept all suggestions" (palette). */
    suggestions,
    /** The queue panel folded or not, the key hint dismissed: remembered by main's settings. */
    preferences: createPreferences(api, store, unwrap),
    /** App icons from main's cache (data: URLs); letters stand in where there is none. */
    icons: createIconCache(api),
    ...createQueueCommands(api, store, decisionDeps),
    exportAudit: createAuditExport(api, store, unwrap),
    ...createLinks(api, store, { unwrap, inventory, win }),
    openReview: saved.openReview,
    requeueSaved: saved.requeueSaved,
    dismissSaved: saved.dismissSaved,
    ...createSettingsCommands(api, store, unwrap),
  };
};
