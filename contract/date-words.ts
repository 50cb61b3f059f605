/**
 * Dates as every message and screen writes them: `12月7日` (no year, no leading zeros), from a
 * `YYYY-MM-DD` day in Asia/Shanghai. Dependency-free, so the BFF's messages and the app share one.
 */
export function monthDayText(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
