/** An app's icon from main's cache, or its first letter when there is none (or it fails to draw). */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useController } from './context';

/** The cached icon for `url` (a data: URL), null while unknown or when there is none. */
const useCachedIcon = (url: string): string | null => {
  const icons = useController().icons;
  const src = useSyncExternalStore(icons.subscribe, () => (url ? (icons.peek(url) ?? null) : null));
  useEffect(() => {
    if (url && icons.peek(url) === undefined) void icons.load(url);
  }, [url, icons]);
  return src;
};

/** A 32px app icon, decorative: the app's name is always next to it. */
export const AppIcon = ({ name, url, size = 32 }: { name: string; url: string; size?: number }) => {
  const src = useCachedIcon(url);
  const [failed, setFailed] = useState<string | null>(null);
  return src && failed !== src ? (
    <img className="app-icon" src={src} alt="" width={size} height={size} onError={() => setFailed(src)} />
  ) : (
    // The letter is drawn by CSS so it is not part of the row's visible text.
    <span
      className="app-icon letter"
      aria-hidden="true"
      data-letter={name.charAt(0).toUpperCase()}
      style={{ width: size, height: size }}
    />
  );
};
