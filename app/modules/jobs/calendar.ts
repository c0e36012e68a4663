/** The offset of a time zone from UTC at an instant, in milliseconds (from Intl, no library). */
function zoneOffset(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** Midnight on the first of a month in the city's time zone, as an instant. */
export function monthStart(year: number, month: number, timeZone: string) {
  const guess = new Date(Date.UTC(year, month - 1, 1));
  return new Date(guess.getTime() - zoneOffset(guess, timeZone));
}

/** The calendar month ("2026-11") an instant falls in, in the city's time zone. */
export function monthOf(at: Date, timeZone: string) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}`;
}

/** The month before a "YYYY-MM" period. */
export function previousMonth(period: string) {
  const [y, m] = period.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The instants a "YYYY-MM" month starts and ends (exclusive) in the city's time zone. */
export function monthRange(period: string, timeZone: string) {
  const [y, m] = period.split("-").map(Number);
  const next = m === 12 ? [y + 1, 1] : [y, m + 1];
  return { start: monthStart(y, m, timeZone), end: monthStart(next[0], next[1], timeZone) };
}

/** The calendar day ("2026-12-01") and the hour (0-23) of an instant in the city's time zone. */
export function localDayAndHour(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}
