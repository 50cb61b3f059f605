import { formatInstant, formatListTime, greetingFor, isPast, nowInstant, todayDate } from '../time';

describe('time (Asia/Shanghai whatever the device zone)', () => {
  it('formats an instant on the Shanghai clock', () => {
    expect(formatInstant('2026-11-21T16:30:00Z')).toBe('2026-11-22 00:30');
    expect(formatInstant('2026-11-21T16:30:00Z', 'M月D日 dddd')).toBe('11月22日 星期日');
    expect(todayDate('2026-11-21T16:30:00Z')).toBe('2026-11-22');
  });

  it('gives now with the +08:00 offset', () => {
    expect(nowInstant()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  });

  it('writes list times relative to today', () => {
    const now = '2026-11-21T10:00:00+08:00';
    expect(formatListTime('2026-11-21T08:05:00+08:00', now)).toBe('08:05');
    expect(formatListTime('2026-11-20T23:59:00+08:00', now)).toBe('昨天 23:59');
    expect(formatListTime('2026-03-02T09:00:00+08:00', now)).toBe('3月2日 09:00');
    expect(formatListTime('2025-12-31T09:00:00+08:00', now)).toBe('2025年12月31日');
  });

  it('greets by the Shanghai hour', () => {
    expect(greetingFor('2026-11-21T00:30:00Z')).toBe('早上好'); // 08:30
    expect(greetingFor('2026-11-21T04:00:00Z')).toBe('中午好'); // 12:00
    expect(greetingFor('2026-11-21T07:00:00Z')).toBe('下午好'); // 15:00
    expect(greetingFor('2026-11-21T13:00:00Z')).toBe('晚上好'); // 21:00
  });

  it('treats missing or past instants as past', () => {
    expect(isPast(null)).toBe(true);
    expect(isPast('not a date')).toBe(true);
    expect(isPast('2020-01-01T00:00:00+08:00')).toBe(true);
    expect(isPast('2999-01-01T00:00:00+08:00')).toBe(false);
  });
});
