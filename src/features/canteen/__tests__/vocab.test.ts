/** The app's copies of contract values (kept out of the bundle with chinese-days) match the contract. */
import * as contract from '@contract/canteen';
import * as workdays from '@contract/workdays';
import { addDays, dayKind, daysBetween, isDate, mondayOf, weekdayOf } from '../dates';
import { ALLERGENS, DISH_CATEGORIES, MEAL_LABELS, MEAL_ORDER, currentMeal, withVote } from '../vocab';

describe('canteen vocabularies and rules', () => {
  it('lists the contract’s meals, categories and allergens', () => {
    expect(MEAL_ORDER).toEqual(contract.MEAL_KINDS);
    expect(MEAL_LABELS).toEqual(contract.MEAL_LABELS);
    expect(DISH_CATEGORIES).toEqual(contract.DISH_CATEGORIES);
    expect(ALLERGENS).toEqual(contract.ALLERGENS);
  });

  it('picks the meal to show first like the contract, every quarter hour of the day', () => {
    const meals = [
      { meal: 'breakfast' as const, servingStart: '07:00', servingEnd: '08:30' },
      { meal: 'lunch' as const, servingStart: '11:30', servingEnd: '13:00' },
      { meal: 'dinner' as const, servingStart: '17:30', servingEnd: '19:00' },
    ];
    for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const instant = workdays.shanghaiInstant('2026-11-23', time);
      expect(currentMeal(meals, time)).toBe(contract.currentMeal(meals, instant));
    }
  });

  it('does date arithmetic like contract/workdays', () => {
    for (const date of ['2026-02-28', '2026-03-01', '2026-12-31', '2028-02-29', '2026-11-22']) {
      expect(addDays(date, 1)).toBe(workdays.addDays(date, 1));
      expect(addDays(date, -7)).toBe(workdays.addDays(date, -7));
      expect(weekdayOf(date)).toBe(workdays.weekdayOf(date));
      expect(mondayOf(date)).toBe(workdays.mondayOf(date));
      expect(daysBetween(date, '2027-01-01')).toBe(workdays.daysBetween(date, '2027-01-01'));
    }
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('2026-2-3')).toBe(false);
    expect(isDate('2026-11-23')).toBe(true);
  });

  it('marks workdays, weekends, holidays and 调休', () => {
    expect(dayKind(workdays.calendarDay('2026-11-23')).label).toBe('工作日');
    expect(dayKind(workdays.calendarDay('2026-11-22')).label).toBe('休息日');
    expect(dayKind(workdays.calendarDay('2026-10-01'))).toEqual({ kind: 'holiday', label: '国庆节' });
    expect(dayKind(workdays.calendarDay('2026-10-10'))).toEqual({ kind: 'adjusted', label: '调休上班·国庆节' });
    expect(dayKind(workdays.calendarDay('2031-01-06'))).toEqual({ kind: 'unknown', label: '节假日未公布' });
  });

  it('moves counts with a vote', () => {
    const dish = { up: 3, down: 1, myVote: null };
    expect(withVote(dish, 'up')).toEqual({ up: 4, down: 1, myVote: 'up' });
    expect(withVote({ up: 4, down: 1, myVote: 'up' as const }, 'down')).toEqual({ up: 3, down: 2, myVote: 'down' });
    expect(withVote({ up: 4, down: 1, myVote: 'up' as const }, null)).toEqual({ up: 3, down: 1, myVote: null });
  });
});
