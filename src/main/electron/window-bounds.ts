/**
 * Where the window opens: where the admin left it, if that place is still on a display now.
 * Pure (no Electron), so it is tested in plain Node; window.ts feeds it Electron's displays.
 */

/** A rectangle in screen coordinates (Electron's Rectangle). */
export type Rect = { x: number; y: number; width: number; height: number };

/** What is saved when the window moves or closes. */
export type WindowState = Rect & { maximized: boolean };

/** What the window opens with: a size always, a position only when the saved one is on screen. */
export type OpenBounds = { width: number; height: number; x?: number; y?: number; maximized: boolean };

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 880, height: 560 } as const;

/** How much of the title bar must be on a display for the window to be grabbable there. */
const GRAB = { width: 120, height: 32 } as const;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A saved state read back from disk, or null when it is not one (hand-edited, damaged, older). */
export const parseWindowState = (raw: unknown): WindowState | null => {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const { x, y, width, height } = r;
  if (!isNumber(x) || !isNumber(y) || !isNumber(width) || !isNumber(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return { x, y, width, height, maximized: r['maximized'] === true };
};

const overlap = (a: Rect, b: Rect): { width: number; height: number } => ({
  width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
  height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
});

const clamp = (v: number, min: number, max: number): number => Math.max(min, Math.min(max, v));

/**
 * The bounds to open with. `workAreas` are the displays' work areas now (Electron's
 * `screen.getAllDisplays().map(d => d.workArea)`), the primary first. A saved window keeps its
 * place when enough of its title bar is on one of them, and its size shrinks to fit that display;
 * otherwise (a monitor unplugged, a smaller screen) it opens at the saved size on the primary
 * display, where Electron centres it.
 */
export const restoreBounds = (saved: unknown, workAreas: readonly Rect[]): OpenBounds => {
  const state = parseWindowState(saved);
  const primary = workAreas[0];
  const fit = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: Math.round(clamp(size.width, MIN_SIZE.width, Math.max(MIN_SIZE.width, area?.width ?? size.width))),
    height: Math.round(
      clamp(size.height, MIN_SIZE.height, Math.max(MIN_SIZE.height, area?.height ?? size.height)),
    ),
  });
  if (!state) return { ...fit(DEFAULT_SIZE, primary), maximized: false };
  const titleBar: Rect = { x: state.x, y: state.y, width: state.width, height: GRAB.height };
  const home = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(GRAB.width, state.width) && o.height >= GRAB.height;
  });
  if (!home) return { ...fit(state, primary), maximized: state.maximized };
  const size = fit(state, home);
  // Keep it where it was, nudged so the whole window fits the display it is on.
  const x = Math.round(clamp(state.x, home.x, home.x + home.width - size.width));
  const y = Math.round(clamp(state.y, home.y, home.y + home.height - size.height));
  return { ...size, x, y, maximized: state.maximized };
};
