import { http, HttpResponse, type HttpHandler } from 'msw';
import type {
  Letter,
  LetterPage,
  LetterRating,
  LetterReply,
  MailboxCategory,
  MailboxCategoryList,
  MailboxFigures,
  NewLetter,
} from '@contract/mailbox.schema';
import type { MockPerson } from './data';
import { mockState, onMockReset, toInstant } from './state';
import { errorResponse, signedIn, signedInWith, type Params } from './support';

/**
 * 服务信箱: categories, letters written and listed (mine / inbox, newest first, by cursor), one
 * letter, reply, rating, the inbox figures. Who may reply or rate, once-only and blank bodies are
 * the BFF's rules (bff/test/mailbox): a test that needs such an answer overrides the route.
 */

interface MockLetter {
  id: string;
  writerId: string;
  categoryId: string;
  body: string;
  anonymous: boolean;
  photoUrls: string[];
  createdAt: string;
  reply: Letter['reply'];
  score: number | null;
}

const OWNER = 'demo-admin';
const CATEGORIES: { id: string; name: string }[] = [
  { id: 'mb-canteen', name: '餐饮服务' },
  { id: 'mb-meeting', name: '会议服务' },
  { id: 'mb-parking', name: '停车交通' },
  { id: 'mb-property', name: '物业维修' },
  { id: 'mb-security', name: '安全保卫' },
  { id: 'mb-other', name: '其他建议' },
];
const HOUR = 3_600_000;

function seed(): MockLetter[] {
  const now = mockState.now();
  return [
    {
      id: 'letter-0002',
      writerId: 'demo-staff',
      categoryId: 'mb-parking',
      body: '地下车库B2层出口的指示牌被遮挡，晚上下班时很容易开错方向，建议挪一下位置。',
      anonymous: false,
      photoUrls: [],
      createdAt: toInstant(now - 3 * HOUR),
      reply: null,
      score: null,
    },
    {
      id: 'letter-0001',
      writerId: 'demo-staff',
      categoryId: 'mb-canteen',
      body: '第一食堂午餐的青菜经常偏咸，希望能少放点盐。',
      anonymous: true,
      photoUrls: [],
      createdAt: toInstant(now - 50 * HOUR),
      reply: { body: '感谢反馈，已请厨师长调整口味，欢迎继续监督。', by: '孙丽', at: toInstant(now - 26 * HOUR) },
      score: null,
    },
  ];
}

let letters: MockLetter[] = seed();
let seq = 2;
onMockReset(() => {
  letters = seed();
  seq = 2;
});

const categoryOf = (id: string) => CATEGORIES.find((c) => c.id === id) ?? CATEGORIES[CATEGORIES.length - 1];

function toLetter(letter: MockLetter, reader: MockPerson): Letter {
  const writer = mockState.people.get(letter.writerId);
  const mine = letter.writerId === reader.id;
  return {
    id: letter.id,
    category: categoryOf(letter.categoryId),
    body: letter.body,
    anonymous: letter.anonymous,
    photoUrls: letter.photoUrls,
    status: letter.reply ? 'replied' : 'open',
    createdAt: letter.createdAt,
    writer: letter.anonymous && !mine ? null : { name: writer?.name ?? '', unit: writer?.unit ?? '' },
    mine,
    reply: letter.reply,
    score: letter.score,
  };
}

function figuresOf(group: MockLetter[]) {
  const rated = group.filter((l) => l.score !== null);
  const sum = rated.reduce((n, l) => n + (l.score ?? 0), 0);
  return {
    open: group.filter((l) => !l.reply).length,
    replied: group.filter((l) => l.reply).length,
    rated: rated.length,
    averageScore: rated.length ? Math.round((sum / rated.length) * 10) / 10 : null,
  };
}

/** The mock's letters, newest first, for tests that look at what a write did. */
export const mailboxMock = () => ({ letters });

/** Adds `count` plain letters from `writerId`, older than any so far (for paging). */
export function addMockLetters(count: number, writerId = 'demo-staff'): void {
  const oldest = letters.length ? Date.parse(letters[letters.length - 1].createdAt) : mockState.now();
  for (let i = 1; i <= count; i += 1) {
    seq += 1;
    letters.push({
      id: `letter-${String(seq).padStart(4, '0')}`,
      writerId,
      categoryId: 'mb-other',
      body: `第${i}条建议：会议室的投影仪需要检修。`,
      anonymous: false,
      photoUrls: [],
      createdAt: toInstant(oldest - i * HOUR),
      reply: null,
      score: null,
    });
  }
}

export function mailboxHandlers(base: string): HttpHandler[] {
  const find = (reader: MockPerson, id: string | undefined) =>
    letters.find((l) => l.id === id && (l.writerId === reader.id || reader.id === OWNER));
  const notFound = () => errorResponse(404, 'LETTER_NOT_FOUND');

  return [
    http.get<Params>(
      `${base}/mailbox/categories`,
      signedIn(() => {
        const ownerName = mockState.people.get(OWNER)?.name ?? '';
        const items: MailboxCategory[] = CATEGORIES.map((c) => ({ ...c, ownerName }));
        return HttpResponse.json<MailboxCategoryList>({ items });
      }),
    ),

    http.post<Params>(
      `${base}/mailbox/letters`,
      signedInWith<NewLetter>((person, body) => {
        seq += 1;
        const letter: MockLetter = {
          id: `letter-${String(seq).padStart(4, '0')}`,
          writerId: person.id,
          categoryId: body.category,
          body: body.body.trim(),
          anonymous: body.anonymous === true,
          photoUrls: (body.photoIds ?? []).map((id) => `/api/uploads/${id}`),
          createdAt: toInstant(mockState.now()),
          reply: null,
          score: null,
        };
        letters.unshift(letter);
        return HttpResponse.json({ letter: toLetter(letter, person) }, { status: 201 });
      }),
    ),

    http.get<Params>(
      `${base}/mailbox/letters`,
      signedIn((person, _params, request) => {
        const query = new URL(request.url).searchParams;
        const inbox = query.get('box') === 'inbox';
        const status = query.get('status');
        const limit = Number(query.get('limit') ?? 20);
        const cursor = query.get('cursor');
        const matching = letters
          .filter((l) => (inbox ? person.id === OWNER : l.writerId === person.id))
          .filter((l) => !status || (status === 'replied') === (l.reply !== null));
        const start = cursor ? matching.findIndex((l) => l.id === cursor) + 1 : 0;
        const page = matching.slice(start, start + limit);
        const more = start + limit < matching.length;
        return HttpResponse.json<LetterPage>({
          items: page.map((l) => toLetter(l, person)),
          nextCursor: more ? page[page.length - 1].id : null,
        });
      }),
    ),

    http.get<Params>(
      `${base}/mailbox/letters/:id`,
      signedIn((person, params) => {
        const letter = find(person, params.id);
        return letter ? HttpResponse.json<Letter>(toLetter(letter, person)) : notFound();
      }),
    ),

    http.post<Params>(
      `${base}/mailbox/letters/:id/reply`,
      signedInWith<LetterReply>((person, body, params) => {
        const letter = find(person, params.id);
        if (!letter) return notFound();
        letter.reply = { body: body.body.trim(), by: person.name, at: toInstant(mockState.now()) };
        return HttpResponse.json<Letter>(toLetter(letter, person));
      }),
    ),

    http.post<Params>(
      `${base}/mailbox/letters/:id/rate`,
      signedInWith<LetterRating>((person, body, params) => {
        const letter = find(person, params.id);
        if (!letter) return notFound();
        letter.score = body.score;
        return HttpResponse.json<Letter>(toLetter(letter, person));
      }),
    ),

    http.get<Params>(
      `${base}/mailbox/figures`,
      signedIn(() =>
        HttpResponse.json<MailboxFigures>({
          total: figuresOf(letters),
          categories: CATEGORIES.map((c) => ({
            ...c,
            ...figuresOf(letters.filter((l) => l.categoryId === c.id)),
          })).filter((c) => c.open + c.replied > 0),
        }),
      ),
    ),
  ];
}
