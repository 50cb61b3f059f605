import type { Kysely } from 'kysely';
import { isBlankText, quotedSentence } from '@contract/text';
import type {
  Letter,
  LetterListQuery,
  LetterPage,
  MailboxCategoryList,
  MailboxFigures,
  NewLetter,
} from '@contract/mailbox.schema';
import type { Database } from '../../db/schema';
import { DomainError, forbidden, notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { MessagesService } from '../messages';
import { uploadUrl, type UploadsService } from '../uploads';
import {
  findCategory,
  findLetter,
  insertLetter,
  letterFigures,
  listCategories,
  listLetters,
  rateLetter,
  replyToLetter,
  type FigureRow,
  type LetterRecord,
} from './mailbox.repository';

const letterNotFound = () => notFound('LETTER_NOT_FOUND');

function filledText(text: string): string {
  if (isBlankText(text)) throw new DomainError('LETTER_BODY_BLANK', 400);
  return text.trim();
}

/** What `reader` may see of a letter: an anonymous letter shows its writer to the writer alone. */
function toLetter(row: LetterRecord, readerId: string): Letter {
  const mine = row.writer_id === readerId;
  return {
    id: row.id,
    category: { id: row.category_id, name: row.category_name },
    body: row.body,
    anonymous: row.anonymous === 1,
    photoUrls: (JSON.parse(row.photo_ids) as string[]).map(uploadUrl),
    status: row.status,
    createdAt: toInstant(row.created_at),
    writer: row.anonymous === 1 && !mine ? null : { name: row.writer_name, unit: row.writer_unit },
    mine,
    reply:
      row.status === 'replied' && row.reply_body !== null && row.replied_at !== null
        ? { body: row.reply_body, by: row.replier_name ?? '', at: toInstant(row.replied_at) }
        : null,
    score: row.score,
  };
}

function figuresOf(rows: FigureRow[]) {
  const open = rows.filter((r) => r.status === 'open').reduce((n, r) => n + r.letters, 0);
  const replied = rows.filter((r) => r.status === 'replied').reduce((n, r) => n + r.letters, 0);
  const rated = rows.reduce((n, r) => n + r.rated, 0);
  const sum = rows.reduce((n, r) => n + (r.score_sum ?? 0), 0);
  return { open, replied, rated, averageScore: rated === 0 ? null : Math.round((sum / rated) * 10) / 10 };
}

const LIST = { mine: 'mailbox-mine', inbox: 'mailbox-inbox' } as const;

/**
 * The service mailbox (服务信箱): anyone signed in writes a letter of a category; it is routed to
 * the admin who owns the category, who replies once; the writer rates the reply once. A letter is
 * readable by its writer and the admin it was routed to, and by nobody else.
 */
export function createMailboxService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  messages: Pick<MessagesService, 'send'>;
  uploads: Pick<UploadsService, 'find'>;
}) {
  const { db, clock, messages, uploads } = deps;

  /** The letter when the person may read it; anyone else learns nothing, not even that it exists. */
  async function readable(person: Person, id: string): Promise<LetterRecord> {
    const row = await findLetter(db, id);
    if (!row || (row.writer_id !== person.id && row.owner_id !== person.id)) throw letterNotFound();
    return row;
  }

  return {
    async categories(): Promise<MailboxCategoryList> {
      const rows = await listCategories(db);
      return { items: rows.map((c) => ({ id: c.id, name: c.name, ownerName: c.owner_name })) };
    },

    async write(person: Person, input: NewLetter): Promise<Letter> {
      const category = await findCategory(db, input.category);
      if (!category) throw notFound('MAILBOX_CATEGORY_NOT_FOUND');
      const body = filledText(input.body);
      const photoIds = input.photoIds ?? [];
      for (const id of photoIds) {
        if (!(await uploads.find(id))) throw new DomainError('UPLOAD_NOT_FOUND', 400);
      }
      const id = newSortableId();
      const anonymous = input.anonymous === true;
      await transactionWithRetry(db, async (trx) => {
        await insertLetter(trx, {
          id,
          writer_id: person.id,
          category_id: category.id,
          owner_id: category.owner_id,
          body,
          anonymous: anonymous ? 1 : 0,
          photo_ids: JSON.stringify(photoIds),
          status: 'open',
          reply_body: null,
          replied_by: null,
          replied_at: null,
          score: null,
          rated_at: null,
          created_at: toStored(clock.now()),
        });
        await messages.send(trx, {
          personId: category.owner_id,
          title: `服务信箱：新的${category.name}来信`,
          body: `${anonymous ? '一位匿名同事' : `${person.name}（${person.unit}）`}来信：${body.slice(0, 60)}`,
          subject: { kind: 'letter', id },
          push: true,
        });
      });
      return toLetter(await readable(person, id), person.id);
    },

    async list(person: Person, query: LetterListQuery): Promise<LetterPage> {
      const box = query.box ?? 'mine';
      if (box === 'inbox' && !person.roles.includes('admin')) throw forbidden();
      const limit = query.limit ?? 20;
      const rows = await listLetters(
        db,
        { by: box === 'mine' ? 'writer_id' : 'owner_id', personId: person.id, status: query.status },
        decodeCursor(LIST[box], query.cursor),
        limit,
      );
      const page = pageFrom(LIST[box], rows, limit);
      return { items: page.rows.map((r) => toLetter(r, person.id)), nextCursor: page.nextCursor };
    },

    async get(person: Person, id: string): Promise<Letter> {
      return toLetter(await readable(person, id), person.id);
    },

    async reply(person: Person, id: string, text: string): Promise<Letter> {
      const letter = await readable(person, id);
      if (letter.owner_id !== person.id) throw new DomainError('NOT_LETTER_OWNER', 403);
      const body = filledText(text);
      await transactionWithRetry(db, async (trx) => {
        const replied = await replyToLetter(trx, id, { body, by: person.id, at: toStored(clock.now()) });
        if (!replied) throw new DomainError('LETTER_ALREADY_REPLIED', 409);
        await messages.send(trx, {
          personId: letter.writer_id,
          title: `服务信箱：您的${letter.category_name}来信已回复`,
          body: `${person.name}回复：${quotedSentence(body, 60)}请在“服务信箱”查看并评价。`,
          subject: { kind: 'letter', id },
          push: true,
        });
      });
      return toLetter(await readable(person, id), person.id);
    },

    async rate(person: Person, id: string, score: number): Promise<Letter> {
      const letter = await readable(person, id);
      if (letter.writer_id !== person.id) throw forbidden();
      if (!(await rateLetter(db, id, score, toStored(clock.now())))) {
        const now = await readable(person, id);
        throw new DomainError(now.status === 'open' ? 'LETTER_NOT_REPLIED' : 'LETTER_ALREADY_RATED', 409);
      }
      return toLetter(await readable(person, id), person.id);
    },

    async figures(person: Person): Promise<MailboxFigures> {
      if (!person.roles.includes('admin')) throw forbidden();
      const rows = await letterFigures(db, person.id);
      const byCategory = new Map<string, FigureRow[]>();
      for (const row of rows) byCategory.set(row.category_id, [...(byCategory.get(row.category_id) ?? []), row]);
      return {
        total: figuresOf(rows),
        categories: [...byCategory.values()].map((group) => ({
          id: group[0].category_id,
          name: group[0].category_name,
          ...figuresOf(group),
        })),
      };
    },
  };
}

export type MailboxService = ReturnType<typeof createMailboxService>;
