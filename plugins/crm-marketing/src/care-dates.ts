/** The date `days` after a YYYY-MM-DD date (before, when negative). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

// Nobody we care for was born, nor a contract signed, more than this many years ago.
const YEARS_BACK = 120;

/**
 * Every date, in the years `fromBack` to `toBack` years before `date`'s year, whose yearly recurrence falls on `date`:
 * the same month and day, and on 28 February of a common year the 29ths of February too. Day-of-month matching as an
 * `$in` list, so the database finds birthdays and anniversaries by its index (formulas have no day-of-month function).
 */
export function recurringOn(date: string, toBack = 0, fromBack = YEARS_BACK): string[] {
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  const dates: string[] = [];
  for (let y = year - fromBack; y <= year - toBack; y += 1) {
    if (monthDay !== '02-29' || isLeap(y)) dates.push(`${y}-${monthDay}`);
    if (monthDay === '02-28' && !isLeap(year) && isLeap(y)) dates.push(`${y}-02-29`);
  }
  return dates;
}
