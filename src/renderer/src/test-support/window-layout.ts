/** jsdom has no layout: tests that mount the app give every element a 1200 × 800 box, then clean up. */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

/** Registers the layout stub before each test and unmounts and restores after it. */
export const withWindowLayout = (): void => {
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });
};
