/** An app's icon, or its first letter when Slack has none (or it fails to load). */
import { useState } from 'react';

/** A 32px app icon, decorative: the app's name is always next to it. */
export const AppIcon = ({ name, url, size = 32 }: { name: string; url: string; size?: number }) => {
  const [failed, setFailed] = useState(false);
  const safe = url.startsWith('https://') && !failed;
  return safe ? (
    <img className="app-icon" src={url} alt="" width={size} height={size} onError={() => setFailed(true)} />
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
