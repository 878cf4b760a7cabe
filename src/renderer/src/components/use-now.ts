/** The current time as state, ticking at an interval, so relative times stay true without impure renders. */
import { useEffect, useState } from 'react';

/** Milliseconds since the epoch, refreshed every `intervalMs`. */
export const useNow = (intervalMs = 30_000): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
};
