import { describe, expect, it } from 'vitest';
import { createTicketBook, TICKET_TTL_MS } from './event-tickets';

describe('event-stream tickets', () => {
  it('redeem once, within their lifetime, and never when unknown', () => {
    let now = 0;
    const book = createTicketBook(() => now);
    const a = book.issue();
    const b = book.issue();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(book.redeem(a)).toBe(true);
    expect(book.redeem(a)).toBe(false);
    now = TICKET_TTL_MS;
    expect(book.redeem(b)).toBe(false);
    expect(book.redeem('')).toBe(false);
    expect(book.redeem(null)).toBe(false);
    expect(book.redeem('made-up')).toBe(false);
  });

  it('keep a bounded number outstanding, dropping the oldest', () => {
    const book = createTicketBook(() => 0);
    const first = book.issue();
    const rest = Array.from({ length: 40 }, () => book.issue());
    expect(book.redeem(first)).toBe(false);
    expect(book.redeem(rest.at(-1))).toBe(true);
  });
});
