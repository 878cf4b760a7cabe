/**
 * Tickets for the event stream. EventSource cannot send the launch-key header, and a key in the
 * stream's URL would sit in logs and history; so a keyed call buys a ticket that opens one stream,
 * once, within a short time.
 */
import { randomBytes } from 'node:crypto';

/** How long a ticket stays valid. */
export const TICKET_TTL_MS = 30_000;
/** Outstanding tickets kept at most; the oldest are dropped first. */
const MAX_OUTSTANDING = 32;

/** Issues and redeems single-use tickets. */
export type TicketBook = {
  issue(): string;
  /** True once for a ticket issued less than the TTL ago; false for anything else. */
  redeem(ticket: string | null | undefined): boolean;
};

/** A ticket book on the given clock. */
export const createTicketBook = (now: () => number = Date.now, ttlMs = TICKET_TTL_MS): TicketBook => {
  // Insertion order is issue order, so the first entries are the oldest.
  const expiries = new Map<string, number>();
  const prune = (): void => {
    for (const [ticket, expiresAt] of expiries) if (expiresAt <= now()) expiries.delete(ticket);
    while (expiries.size >= MAX_OUTSTANDING) {
      const oldest = expiries.keys().next().value;
      if (oldest === undefined) break;
      expiries.delete(oldest);
    }
  };
  return {
    issue: () => {
      prune();
      const ticket = randomBytes(24).toString('base64url');
      expiries.set(ticket, now() + ttlMs);
      return ticket;
    },
    redeem: (ticket) => {
      if (!ticket) return false;
      const expiresAt = expiries.get(ticket);
      expiries.delete(ticket);
      return expiresAt !== undefined && now() < expiresAt;
    },
  };
};
