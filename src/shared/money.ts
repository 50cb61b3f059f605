/**
 * Money is integer fen (分) everywhere; this is the one place it becomes text, and the one place
 * text typed as yuan becomes fen.
 */

/** 1800 → `¥18.00`; negative amounts keep their sign in front: `-¥18.00`. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A signed amount for a ledger: `+¥300.00` / `-¥18.00`. */
export function formatSignedFen(fen: number): string {
  return fen > 0 ? `+${formatFen(fen)}` : formatFen(fen);
}

/**
 * Yuan as typed (`18`, `18.5`, `18.50`, `¥18`) → fen, or null when it is not an amount with at
 * most two decimals. String arithmetic, so 0.1 + 0.2 troubles never reach the money.
 */
export function parseYuan(text: string): number | null {
  const match = /^\s*¥?\s*(\d{1,7})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Fen → the yuan text an input starts with: 1800 → `18`, 1850 → `18.50`. */
export function fenToYuanText(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : formatFen(fen).slice(1);
}
