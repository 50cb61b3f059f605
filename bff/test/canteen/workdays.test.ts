import fs from 'node:fs';
import path from 'node:path';
import { currentMeal, headcountDeadline, votingState } from '@contract/canteen';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  CalendarUnavailableError,
  addDays,
  calendarDay,
  calendarKnows,
  isInLieu,
  isValidDate,
  isWorkday,
  mondayOf,
  nextWorkdays,
  shanghaiDate,
  weekdayOf,
} from '@contract/workdays';

describe('calendar rules (contract/workdays.ts)', () => {
  it('covers exactly the years chinese-days has holiday data for', () => {
    // Read the installed package's data: an upgrade that adds 2027 fails here until the bounds move.
    const file = path.join(path.dirname(require.resolve('chinese-days/package.json')), 'dist', 'chinese-days.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
    const years = Object.values(data).flatMap((table) => Object.keys(table).map((d) => Number(d.slice(0, 4))));
    expect(Math.min(...years)).toBe(CALENDAR_FIRST_YEAR);
    expect(Math.max(...years)).toBe(CALENDAR_LAST_YEAR);
  });

  it('checks dates for real', () => {
    expect(isValidDate('2026-11-21')).toBe(true);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('2026-12-31')).toBe(true);
    for (const bad of [
      '2100-02-29',
      '2026-04-31',
      '2026-00-10',
      '2026-01-00',
      '1899-12-31',
      '3000-01-01',
      '2026-1a-01',
      '202x-01-01',
      '2026-01-+1',
      '2026-01- 1',
      '２０２６-01-01',
      '2026-01-01 ',
      '2026-02-30',
      '2026-02-29',
      '2026-13-01',
      '2026-2-3',
      '2026/02/03',
      '',
      '20261121',
      '2026-11-21T00:00',
      'x',
    ]) {
      expect(isValidDate(bad)).toBe(false);
    }
  });

  it('does date arithmetic in Asia/Shanghai', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(weekdayOf('2026-11-21')).toBe(6);
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
    expect(shanghaiDate(new Date('2026-11-21T15:59:59Z'))).toBe('2026-11-21');
    expect(shanghaiDate(new Date('2026-11-21T16:00:00Z'))).toBe('2026-11-22');
    expect(shanghaiDate(Date.parse('2026-11-21T15:59:59.999Z'))).toBe('2026-11-21');
    expect(shanghaiDate(Date.parse('1969-12-31T16:00:00Z'))).toBe('1970-01-01');
    expect(() => shanghaiDate(new Date('not a date'))).toThrow(RangeError);
  });

  it('marks holidays, 调休 workdays and 调休 days off', () => {
    expect(calendarDay('2026-10-01')).toMatchObject({
      known: true,
      workday: false,
      holiday: true,
      adjustedWorkday: false,
      name: '国庆节',
    });
    expect(calendarDay('2026-10-07')).toMatchObject({ workday: false, holiday: true, inLieu: true });
    expect(calendarDay('2026-10-10')).toMatchObject({
      weekday: 6,
      workday: true,
      holiday: false,
      adjustedWorkday: true,
      name: '国庆节',
    });
    expect(calendarDay('2026-10-11')).toMatchObject({
      weekday: 7,
      workday: false,
      holiday: false,
      adjustedWorkday: false,
      name: null,
    });
    expect(calendarDay('2026-11-20')).toMatchObject({
      workday: true,
      holiday: false,
      adjustedWorkday: false,
      inLieu: false,
    });
    expect(isInLieu('2026-10-06')).toBe(true);
  });

  it('never guesses a year without data', () => {
    expect(calendarKnows('2027-01-04')).toBe(false);
    expect(calendarDay('2027-01-04')).toEqual({
      date: '2027-01-04',
      weekday: 1,
      known: false,
      workday: null,
      holiday: null,
      adjustedWorkday: null,
      inLieu: null,
      name: null,
    });
    expect(() => isWorkday('2027-01-04')).toThrow(CalendarUnavailableError);
    expect(() => isWorkday('2003-06-02')).toThrow(CalendarUnavailableError);
    // The list of next workdays stops where the data ends.
    expect(nextWorkdays('2026-12-28', 10)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);
  });

  it('skips holidays and includes 调休 workdays', () => {
    expect(nextWorkdays('2026-09-28', 6)).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ]);
  });

  it('opens votes for today and the 6 days before', () => {
    expect(votingState('2026-11-22', '2026-11-21')).toBe('notYet');
    expect(votingState('2026-11-21', '2026-11-21')).toBe('open');
    expect(votingState('2026-11-15', '2026-11-21')).toBe('open');
    expect(votingState('2026-11-14', '2026-11-21')).toBe('closed');
  });

  it('computes the 报餐 cut-off in Shanghai time', () => {
    expect(headcountDeadline('2026-11-23', { daysBefore: 1, time: '16:00' }).toISOString()).toBe(
      '2026-11-22T08:00:00.000Z',
    );
    expect(headcountDeadline('2026-11-23', { daysBefore: 0, time: '09:30' }).toISOString()).toBe(
      '2026-11-23T01:30:00.000Z',
    );
  });

  it('puts the meal being served now first', () => {
    const meals = [
      { meal: 'breakfast' as const, servingStart: '07:00', servingEnd: '08:30' },
      { meal: 'lunch' as const, servingStart: '11:30', servingEnd: '13:00' },
      { meal: 'dinner' as const, servingStart: '17:30', servingEnd: '19:00' },
    ];
    expect(currentMeal(meals, new Date('2026-11-21T04:00:00Z'))).toBe('lunch'); // 12:00
    expect(currentMeal(meals, new Date('2026-11-21T06:00:00Z'))).toBe('dinner'); // 14:00: next
    expect(currentMeal(meals, new Date('2026-11-21T13:00:00Z'))).toBe('dinner'); // 21:00: last
  });
});
