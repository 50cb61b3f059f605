import type {
  Letter,
  LetterPage,
  LetterStatus,
  MailboxCategoryList,
  MailboxFigures,
  NewLetter,
} from '@contract/mailbox.schema';
import { getJson, postJson } from '@/shared/http';

/** Which letters a list shows: the ones I wrote, or (admins) the ones routed to me. */
export type Box = 'mine' | 'inbox';

/** How many letters one page asks for. */
export const PAGE_SIZE = 20;

const letterPath = (id: string) => `/mailbox/letters/${encodeURIComponent(id)}`;

export function fetchCategories(): Promise<MailboxCategoryList> {
  return getJson<MailboxCategoryList>('/mailbox/categories');
}

/** One page of a box, newest first; pass the previous page's `nextCursor` for the next. */
export function fetchLetters(box: Box, status: LetterStatus | null, cursor: string | null): Promise<LetterPage> {
  const params: Record<string, string | number> = { box, limit: PAGE_SIZE };
  if (status) params.status = status;
  if (cursor) params.cursor = cursor;
  return getJson<LetterPage>('/mailbox/letters', { params });
}

export function fetchLetter(id: string): Promise<Letter> {
  return getJson<Letter>(letterPath(id));
}

export async function sendLetter(letter: NewLetter): Promise<Letter> {
  return (await postJson<{ letter: Letter }>('/mailbox/letters', letter)).letter;
}

export function replyToLetter(id: string, body: string): Promise<Letter> {
  return postJson<Letter>(`${letterPath(id)}/reply`, { body });
}

export function rateLetter(id: string, score: number): Promise<Letter> {
  return postJson<Letter>(`${letterPath(id)}/rate`, { score });
}

export function fetchFigures(): Promise<MailboxFigures> {
  return getJson<MailboxFigures>('/mailbox/figures');
}
