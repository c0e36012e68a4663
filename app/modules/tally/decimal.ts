/**
 * Exact decimal numbers for budgets and costs: value = units / 10^scale.
 * Parsing normalises (no trailing fractional zeros), so equal values are equal objects.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses `123`, `-4`, `1656699.67`; anything else (exponents, commas, blanks) gives null. */
export function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  const units = BigInt(match[2] + fraction);
  return { units: match[1] === "-" ? -units : units, scale: fraction.length };
}

export function formatDecimal(value: Decimal): string {
  if (value.scale === 0) return value.units.toString();
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** The value in units of 10^-scale; `scale` must be at least the value's own scale. */
export function toUnits(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

export function fromUnits(units: bigint, scale: number): Decimal {
  let normalized = units;
  let s = scale;
  while (s > 0 && normalized % 10n === 0n) {
    normalized /= 10n;
    s -= 1;
  }
  return { units: normalized, scale: s };
}

/** Nearest double, for JSON output only; never used in a decision. */
export function decimalToNumber(value: Decimal): number {
  return Number(formatDecimal(value));
}
