import { toInstant, toStored } from '../src/lib/time';

// toInstant rewrites most stored instants as text (lib/time.ts); it must say exactly what the Date
// arithmetic says, for every hour of the day and across day, month, year and leap-day boundaries.
const byDate = (stored: string) =>
  new Date(new Date(stored).getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');

describe('toInstant', () => {
  it('gives Shanghai time for every hour, at the edges of days, months, years and leap days', () => {
    const days = ['2026-12-03', '2026-12-31', '2028-02-28', '2028-02-29', '2026-02-28', '2026-01-31'];
    const samples = days.flatMap((day) =>
      Array.from({ length: 24 }, (_, hour) => [
        `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`,
        `${day}T${String(hour).padStart(2, '0')}:59:59.999Z`,
      ]).flat(),
    );
    for (const stored of samples) expect(toInstant(stored)).toBe(byDate(stored));
    expect(toInstant('2026-11-21T04:00:00.000Z')).toBe('2026-11-21T12:00:00.000+08:00');
    expect(toInstant('2026-12-31T16:00:00.000Z')).toBe('2027-01-01T00:00:00.000+08:00');
    // Evenings of different days in turn: each gets its own next day.
    for (const stored of ['2028-02-28T20:00:00.000Z', '2028-02-29T20:00:00.000Z', '2028-02-28T23:00:00.000Z'])
      expect(toInstant(stored)).toBe(byDate(stored));
    expect(toInstant(new Date('2026-11-21T04:00:00.000Z'))).toBe('2026-11-21T12:00:00.000+08:00');
    const now = new Date();
    expect(toInstant(toStored(now))).toBe(byDate(now.toISOString()));
  });

  it('leaves text that is not a stored instant to the Date path, and refuses what is no instant', () => {
    // Not written by toStored, but an instant all the same: converted as before.
    expect(toInstant('2026-11-21T04:00:00Z')).toBe('2026-11-21T12:00:00.000+08:00');
    expect(toInstant('2026-11-21T04:00:00.000+08:00')).toBe('2026-11-21T04:00:00.000+08:00');
    // JavaScript's Date reads 30 February as 2 March; the text path leaves it to Date, unchanged.
    expect(toInstant('2026-02-30T04:00:00.000Z')).toBe(byDate('2026-02-30T04:00:00.000Z'));
    for (const bad of ['2026-11-21T04:61:00.000Z', '2026-11-21T24:30:00.000Z', 'yesterday', ''])
      expect(() => toInstant(bad)).toThrow('not an instant');
  });
});
