/** A button for a keyboard command: its shortcut told to assistive technology, and shown beside it. */
import type { ReactNode } from 'react';

export const KeyButton = ({
  keys,
  shown,
  className,
  onClick,
  children,
}: {
  /** `aria-keyshortcuts`: the keys as the ARIA spec names them ("a", "Shift+U"). */
  keys: string;
  /** The keys as drawn ("a", "⇧U"), hidden from assistive technology, which reads `keys`. */
  shown: string;
  className?: string;
  onClick: () => void;
  children: ReactNode;
}) => (
  <button type="button" className={className} aria-keyshortcuts={keys} onClick={onClick}>
    {children} <kbd aria-hidden="true">{shown}</kbd>
  </button>
);
