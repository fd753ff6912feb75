import { parse } from 'tinyduration';

/** An instant plus an ISO 8601 duration (P2D, PT4H, P1M): calendar parts move the UTC calendar, the rest adds time. */
export function addDuration(from: Date, duration: string): Date {
  const d = parse(duration);
  const at = new Date(from.getTime());
  at.setUTCFullYear(at.getUTCFullYear() + (d.years ?? 0), at.getUTCMonth() + (d.months ?? 0), at.getUTCDate() + (d.weeks ?? 0) * 7 + (d.days ?? 0));
  return new Date(at.getTime() + ((d.hours ?? 0) * 3600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0)) * 1000);
}
