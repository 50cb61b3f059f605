import type { Letter, LetterStatus } from '@contract/mailbox.schema';

/** Mirror contract/mailbox.schema.ts: a value import from it would bring TypeBox into the bundle (a test keeps them equal). */
export const LETTER_BODY_MAX = 2000;
export const LETTER_PHOTOS_MAX = 9;

export const STATUS_LABELS: Record<LetterStatus, string> = { open: '待回复', replied: '已回复' };

export const SCORE_LABELS = ['很不满意', '不满意', '一般', '满意', '非常满意'] as const;

/** Who wrote it, as the reader may know: an anonymous letter to its handler says only 匿名来信. */
export function writerLabel(letter: Letter): string {
  if (!letter.writer) return '匿名来信';
  return `${letter.writer.name} · ${letter.writer.unit}`;
}
