// Time and duration text shared by reports and notifications: UTC throughout, because sites span
// time zones and the authority's deadline is one instant for all of them.

/** `2026-03-01 12:34 UTC`; the ISO text itself when it does not parse. */
export function utcMinute(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2026-03-01 12:34:56`, for the audit log where order within a minute matters. */
export function utcSecond(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `12:34 UTC` when `iso` falls on the same UTC day as `now`, else the date too. */
export function utcClock(iso: string, now: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const text = utcMinute(iso);
  const sameDay =
    new Date(ms).toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return sameDay ? text.slice(11) : text;
}

/** `45 s`, `15 min`, `2 h 5 min`, `3 d 4 h`: two units at most, enough to act on. */
export function duration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** Whole minutes between two instants, rounded up so "due in 0 min" never shows while still due. */
export function minutesUntil(iso: string, now: number): number {
  return Math.ceil((Date.parse(iso) - now) / 60_000);
}

/** `1 alert`, `3 alerts`, `2 entries` (irregular plurals given). */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${String(count)} ${count === 1 ? noun : many}`;
}
