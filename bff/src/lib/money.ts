/** Money as messages write it, from integer fen: `¥12.00`. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
