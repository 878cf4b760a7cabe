import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, parseWindowState, restoreBounds, type Rect } from './window-bounds';

const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 }; // a menu bar above
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1440 }; // to its right

describe('where the window opens', () => {
  it('opens at the default size, centred by Electron, the first time or with a damaged file', () => {
    for (const saved of [undefined, null, 'x', {}, { x: 1, y: 2, width: 'big', height: 3 }, { x: NaN }]) {
      expect(restoreBounds(saved, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    }
    // A screen smaller than the default size: the window fits it.
    expect(restoreBounds(undefined, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({
      width: 1024,
      height: 700,
      maximized: false,
    });
  });

  it('reopens where it was left, on either display, maximized if it was', () => {
    const onLaptop = { x: 40, y: 60, width: 1200, height: 780, maximized: false };
    expect(restoreBounds(onLaptop, [laptop, external])).toEqual(onLaptop);
    const onExternal = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(restoreBounds(onExternal, [laptop, external])).toEqual(onExternal);
  });

  it('a place on a display that is gone opens on the primary display instead, never off screen', () => {
    const onExternal = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    const bounds = restoreBounds(onExternal, [laptop]);
    expect(bounds.x).toBeUndefined(); // Electron centres it on the primary display
    expect(bounds.y).toBeUndefined();
    expect(bounds).toMatchObject({ width: laptop.width, height: laptop.height });
    // Far off every display, or with only a sliver of the title bar showing.
    for (const place of [
      { x: -5000, y: -5000 },
      { x: 1440 - 40, y: 100 }, // 40 px of title bar on the laptop: too little to grab
      { x: 100, y: 875 + 25 - 10 }, // the title bar below the bottom edge
    ]) {
      expect(restoreBounds({ ...place, width: 1200, height: 780 }, [laptop]).x).toBeUndefined();
    }
  });

  it('a window half off its display is nudged fully onto it, and shrunk to fit a smaller one', () => {
    expect(restoreBounds({ x: 900, y: 300, width: 1200, height: 780 }, [laptop])).toEqual({
      x: 1440 - 1200,
      y: 25 + 875 - 780,
      width: 1200,
      height: 780,
      maximized: false,
    });
    expect(restoreBounds({ x: 0, y: 25, width: 3000, height: 2000 }, [laptop])).toEqual({
      x: 0,
      y: 25,
      width: laptop.width,
      height: laptop.height,
      maximized: false,
    });
  });

  it('never opens smaller than the minimum size', () => {
    expect(restoreBounds({ x: 10, y: 30, width: 100, height: 50 }, [laptop])).toMatchObject(MIN_SIZE);
  });

  it('reads back only a complete state', () => {
    expect(parseWindowState({ x: 1, y: 2, width: 3, height: 4 })).toEqual({
      x: 1,
      y: 2,
      width: 3,
      height: 4,
      maximized: false,
    });
    expect(parseWindowState({ x: 1, y: 2, width: 0, height: 4 })).toBeNull();
    expect(parseWindowState({ x: 1, y: 2, width: 3, height: Infinity })).toBeNull();
  });
});
