import { randomInt } from "node:crypto";

// Crockford's base 32 without I, L, O, U: read aloud or typed back without confusion.
const RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const randomCode = (length: number) => Array.from({ length }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join("");

/** An online ballot's receipt code, in three groups of four: 7S88-NFHZ-CZDX. */
export function receiptCode() {
  const code = randomCode(12);
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** A counted paper ballot's code (nobody holds it: the paper has its serial). */
export function paperReceiptCode() {
  return `P${randomCode(11)}`;
}
