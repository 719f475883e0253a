// Formatting of the status API's values: amounts are decimal wei strings, rates are integers in parts per billion/million.

const WEI = 10n ** 18n;

/** "1234500000000000000" wei -> "1.2345" (at most `digits` decimals, trailing zeros trimmed). */
export function tokens(wei, digits = 4) {
  if (wei === undefined || wei === null || wei === "") return "–";
  const v = BigInt(wei);
  const whole = v / WEI;
  let frac = (v % WEI).toString().padStart(18, "0").slice(0, digits).replace(/0+$/, "");
  return whole.toLocaleString("en-US") + (frac ? "." + frac : "");
}

/** parts per million -> "12.5%". */
export const ppm = (v) => (v === undefined || v === null ? "–" : (Number(v) / 10_000).toFixed(2).replace(/\.?0+$/, "") + "%");

/** parts per billion -> percent as a number (for charts). */
export const ppbToPercent = (v) => Number(v) / 10_000_000;

/** 0x1234…abcd */
export const shortAddress = (a) => (a ? a.slice(0, 6) + "…" + a.slice(-4) : "–");

export const ms = (v) => (v === undefined || v === null ? "–" : Math.round(v) + " ms");

export const percent = (v) => (v === undefined || v === null ? "–" : (v * 100).toFixed(1) + "%");

/** Escapes text for insertion into HTML. */
export function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
