import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createTestApp, type TestApp } from '../support/test-app';
import { caller, errorCode, expectError, type Caller } from '../support/caller';
import { itemInput } from '../takeaway/support';
import { multipartFile } from '../canteen/support';
import { pngDeclaring, pngOfSize, tinyJpeg, tinyWebp } from '../support/images';
import { encodePng } from '../../src/lib/png';
import { UPLOAD_MAX_BYTES } from '@contract/uploads.schema';

// Issue 14: every bad input a clear refusal, the same on SQLite and PostgreSQL.

// Uploads of 5-6 MB and a seeded app: slow on a loaded 2-core machine, not a rule under test.
jest.setTimeout(60_000);

let t: TestApp;
let staff: Caller;
let admin: Caller;
let canteen: Caller;
beforeAll(async () => {
  t = await createTestApp();
  staff = await caller(t, 'demo-staff-01');
  admin = await caller(t, 'demo-admin-01');
  canteen = await caller(t, 'demo-canteen-01');
});
afterAll(async () => {
  await t.close();
});

describe('control characters are refused at the edge with a code (a 500 on PostgreSQL before)', () => {
  it('in a path id, a query string and a sign-in body', async () => {
    expectError(await staff.call('GET', '/api/orders/%00'), 400, 'TEXT_INVALID_CHARACTERS');
    expectError(await admin.call('GET', '/api/people?q=%00'), 400, 'TEXT_INVALID_CHARACTERS');
    expectError(await admin.call('GET', '/api/people?q=a%0Ab'), 400, 'TEXT_INVALID_CHARACTERS');
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/dev', payload: { userId: 'a\u0000b' } });
    expectError(signIn, 400, 'TEXT_INVALID_CHARACTERS');
    // An undeclared query key is text too.
    expectError(await staff.call('GET', '/api/me?x=%01'), 400, 'TEXT_INVALID_CHARACTERS');
  });

  it('in names and notes of bodies, nested ones included, naming the field', async () => {
    const item = await canteen.call('POST', '/api/canteens/canteen-1/takeaway', itemInput({ name: '套餐\u0000' }));
    expectError(item, 400, 'TEXT_INVALID_CHARACTERS');
    expect(item.json().error.message).toContain('name');
    const order = await staff.call(
      'POST',
      '/api/orders',
      { canteenId: 'canteen-1', items: [{ itemId: 'x\u0007', quantity: 1 }] },
      { 'idempotency-key': 'k-control-1' },
    );
    expectError(order, 400, 'TEXT_INVALID_CHARACTERS');
    expect(order.json().error.message).toContain('items.0.itemId');
    const topup = await admin.call(
      'POST',
      '/api/meal-cards/topups',
      { personIds: ['demo-staff-02'], amountFen: 100, note: '补贴\u001b[31m' },
      { 'idempotency-key': 'k-control-2' },
    );
    expectError(topup, 400, 'TEXT_INVALID_CHARACTERS');
  });

  it('lets ordinary line breaks and tabs through free text', async () => {
    const categories = (await staff.call('GET', '/api/mailbox/categories')).json();
    const category = (categories.items ?? categories)[0].id as string;
    const letter = await staff.call('POST', '/api/mailbox/letters', {
      category,
      body: '第一行\n第二行\r\n\t缩进的第三行',
    });
    expect(letter.statusCode).toBe(201);
  });

  it('refuses bidi overrides and text that is blank once invisible characters are gone', async () => {
    expectError(
      await canteen.call('POST', '/api/canteens/canteen-1/takeaway', itemInput({ name: '\u202e餐套试测' })),
      400,
      'TEXT_INVALID_CHARACTERS',
    );
    expectError(
      await canteen.call('POST', '/api/canteens/canteen-1/takeaway', itemInput({ name: '\u200b\u200d\ufeff' })),
      400,
      'TEXT_BLANK',
    );
    expectError(
      await canteen.call('POST', '/api/canteens/canteen-1/takeaway', itemInput({ name: ' \u200b \u3000' })),
      400,
      'TEXT_BLANK',
    );
  });

  it('refuses a body nested past any reason before anything walks it', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/dev',
      headers: { 'content-type': 'application/json' },
      payload: `{"userId":${deep}}`,
    });
    expectError(res, 400, 'NESTING_TOO_DEEP');
  });
});

describe('URLs the router cannot read', () => {
  it('a path that is not UTF-8, a path parameter past the router, a query that does not decode: coded 4xx with our headers', async () => {
    const cases: [string, number][] = [
      ['/api/orders/%ED%A0%80', 400],
      [`/api/orders/${'x'.repeat(200)}`, 414],
      ['/api/people?q=%ED%A0%80', 400],
      ['/api/people?q=100%', 400],
    ];
    for (const [url, status] of cases) {
      const res = await admin.call('GET', url);
      expectError(res, status, 'BAD_REQUEST');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('JSON bodies are typed exactly; paths and queries are read from text explicitly', () => {
  it.each([
    ['null', null],
    ['a hex string', '0x10'],
    ['true', true],
    ['a one-element array', [5]],
    ['a numeric string', '1500'],
  ])('a takeaway price given as %s is refused, naming the field', async (_name, priceFen) => {
    const res = await canteen.call('POST', '/api/canteens/canteen-1/takeaway', {
      ...itemInput(),
      priceFen: priceFen as never,
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.json().error.message).toContain('priceFen');
  });

  it('a top-up of "1e3", an order quantity of "1"/true/[1] and refundExpired null are refused', async () => {
    const topup = await admin.call(
      'POST',
      '/api/meal-cards/topups',
      { personIds: ['demo-staff-02'], amountFen: '1e3', note: '补贴' },
      { 'idempotency-key': 'k-type-1' },
    );
    expectError(topup, 400, 'VALIDATION_FAILED');
    expect(topup.json().error.message).toContain('amountFen');
    for (const [i, quantity] of ['1', true, [1]].entries()) {
      const res = await staff.call(
        'POST',
        '/api/orders',
        { canteenId: 'canteen-1', items: [{ itemId: 'any', quantity }] },
        { 'idempotency-key': `k-type-q${i}` },
      );
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.json().error.message).toContain('quantity');
    }
    const settings = await admin.call('PUT', '/api/canteens/canteen-1/takeaway/settings', { refundExpired: null });
    expectError(settings, 400, 'VALIDATION_FAILED');
    expect(settings.json().error.message).toContain('refundExpired');
    const missing = await admin.call('PUT', '/api/canteens/canteen-1/takeaway/settings', {});
    expect(missing.json().error.message).toContain('refundExpired');
  });

  it('query numbers are strict decimals: 10 is read, 0x10, 1e1, " 10" and "" are refused', async () => {
    expect((await staff.call('GET', '/api/orders?limit=10')).statusCode).toBe(200);
    for (const bad of ['0x10', '1e1', '%2010', '', '10.0', 'ten']) {
      const res = await staff.call('GET', `/api/orders?limit=${bad}`);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.json().error.message).toContain('limit');
    }
  });
});

describe('validation comes after authentication', () => {
  it('an anonymous caller gets 401 whatever the body, never a 400 describing the schema', async () => {
    for (const payload of [{ priceFen: 'x' }, '{"broken":', { name: '\u0000' }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/canteens/canteen-1/takeaway',
        headers: { 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      expectError(res, 401, 'UNAUTHENTICATED');
    }
    expectError(await t.app.inject({ method: 'GET', url: '/api/orders/%00' }), 401, 'UNAUTHENTICATED');
    // Signed in without the role: 403 before the body is judged.
    expectError(await staff.call('POST', '/api/canteens/canteen-1/takeaway', { priceFen: 'x' }), 403, 'FORBIDDEN');
  });
});

describe('JSON bodies are UTF-8', () => {
  const signInAs = (contentType: string, payload: Buffer) =>
    t.app.inject({ method: 'POST', url: '/api/auth/dev', headers: { 'content-type': contentType }, payload });
  const demo = Buffer.from('{"userId":"demo-staff-01"}');

  it('another declared charset is refused, not misread', async () => {
    expectError(await signInAs('application/json; charset=gbk', demo), 415, 'CHARSET_NOT_UTF8');
    expectError(await signInAs('application/json; charset=ISO-8859-1', demo), 415, 'CHARSET_NOT_UTF8');
    expect((await signInAs('application/json; charset=UTF-8', demo)).statusCode).toBe(200);
  });

  it('bytes that are not UTF-8 are refused rather than turned into U+FFFD', async () => {
    const gbk = Buffer.concat([Buffer.from('{"userId":"'), Buffer.from([0xd5, 0xc5, 0xff]), Buffer.from('"}')]);
    expectError(await signInAs('application/json', gbk), 400, 'CHARSET_NOT_UTF8');
  });
});

describe('security headers on every answer', () => {
  it('CSP with 浙政钉 frame ancestors, nosniff and a referrer policy, on success, refusal and not found', async () => {
    for (const res of [
      await t.app.inject({ method: 'GET', url: '/api/health' }),
      await t.app.inject({ method: 'GET', url: '/api/me' }),
      await t.app.inject({ method: 'GET', url: '/api/nope' }),
      await staff.call('GET', '/api/me'),
    ]) {
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      // Taro's H5 uploadFile reads the picked photo from its blob: URL.
      expect(csp).toContain("connect-src 'self' blob:");
      expect(csp).toMatch(/frame-ancestors 'self' .*https:\/\/\*\.dg-work\.cn/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBeUndefined();
    }
  });

  it('the H5 page allows its own inline script by hash, and no other', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shzq-h5-'));
    const script = 'window.__flag = 1;';
    fs.writeFileSync(path.join(dir, 'index.html'), `<html><head><script>${script}</script></head><body></body></html>`);
    const h5 = await createTestApp({ env: { H5_DIR: dir }, seed: false });
    try {
      const page = await h5.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      const hash = createHash('sha256').update(script).digest('base64');
      expect(page.headers['content-security-policy']).toContain(`script-src 'self' 'sha256-${hash}'`);
      const api = await h5.app.inject({ method: 'GET', url: '/api/health' });
      expect(api.headers['content-security-policy']).toContain("script-src 'self';");
    } finally {
      await h5.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('frame ancestors are configurable', async () => {
    const other = await createTestApp({ env: { FRAME_ANCESTORS: 'https://work.example.gov.cn' }, seed: false });
    try {
      const res = await other.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self' https://work.example.gov.cn");
    } finally {
      await other.close();
    }
  });

  it('personal answers are not stored by any cache; public uploads keep their long cache', async () => {
    for (const url of ['/api/me', '/api/meal-card', '/api/orders', '/api/messages']) {
      const res = await staff.call('GET', url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const people = await admin.call('GET', '/api/people');
    expect(people.headers['cache-control']).toBe('no-store');
    const { payload, headers } = multipartFile(tinyJpeg());
    const up = await staff.call('POST', '/api/uploads/images', payload, headers);
    const served = await t.app.inject({ method: 'GET', url: up.json().url });
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

describe('uploads', () => {
  const upload = (data: Buffer) => {
    const { payload, headers } = multipartFile(data);
    return canteen.call('POST', '/api/uploads/images', payload, headers);
  };
  const uploadRows = async () => (await t.db.db.selectFrom('uploads').select('id').execute()).length;

  it('one byte over 5 MB is always 413 UPLOAD_TOO_LARGE and nothing is kept (it was 201, cut short)', async () => {
    const rows = await uploadRows();
    for (const size of [UPLOAD_MAX_BYTES + 1, UPLOAD_MAX_BYTES + 1, 6 * 1024 * 1024, 6 * 1024 * 1024]) {
      expectError(await upload(pngOfSize(size)), 413, 'UPLOAD_TOO_LARGE');
    }
    expect(await uploadRows()).toBe(rows);
    const exact = await upload(pngOfSize(UPLOAD_MAX_BYTES));
    expect(exact.statusCode).toBe(201);
    expect(exact.json().bytes).toBe(UPLOAD_MAX_BYTES);
  });

  it('413 also when the body arrives in pieces and one ends exactly at the limit (the racy flag said nothing then)', async () => {
    const rows = await uploadRows();
    for (const size of [UPLOAD_MAX_BYTES + 1, UPLOAD_MAX_BYTES + 1000, 6 * 1024 * 1024]) {
      const { payload, headers } = multipartFile(pngOfSize(size));
      const cut = payload.indexOf('\r\n\r\n') + 4 + UPLOAD_MAX_BYTES;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/uploads/images',
        headers: { ...headers, ...t.auth(canteen.token), 'content-length': String(payload.length) },
        payload: Readable.from([payload.subarray(0, cut), payload.subarray(cut)]),
      });
      expectError(res, 413, 'UPLOAD_TOO_LARGE');
    }
    expect(await uploadRows()).toBe(rows);
  });

  it('a form that ends early is 400 UPLOAD_INCOMPLETE, not a 500', async () => {
    const { payload, headers } = multipartFile(tinyJpeg());
    const cut = payload.subarray(0, payload.length - 30); // no closing boundary
    const res = await canteen.call('POST', '/api/uploads/images', cut, headers);
    expectError(res, 400, 'UPLOAD_INCOMPLETE');
  });

  it('reads the picture: JPEG, PNG, WebP within 8000 × 8000 are taken', async () => {
    for (const data of [tinyJpeg(8000, 8000), tinyWebp(), pngDeclaring(8000, 1), encodePng(3, 3, new Uint8Array(27))]) {
      const res = await upload(data);
      expect({ status: res.statusCode, body: res.json() }).toMatchObject({ status: 201 });
    }
  });

  it('refuses a signature with something else behind it, and declared sizes beyond 8000 px', async () => {
    const rows = await uploadRows();
    const png = encodePng(3, 3, new Uint8Array(27));
    const badCrc = Buffer.from(png);
    badCrc[20] ^= 0xff;
    const cases: [Buffer, string][] = [
      [
        Buffer.concat([png.subarray(0, 8), Buffer.from('<html><script>alert(1)</script></html>')]),
        'UPLOAD_IMAGE_INVALID',
      ],
      [badCrc, 'UPLOAD_IMAGE_INVALID'],
      [png.subarray(0, png.length - 12), 'UPLOAD_IMAGE_INVALID'], // no IEND
      [Buffer.concat([png, Buffer.from('PK\x03\x04 a zip behind the picture')]), 'UPLOAD_IMAGE_INVALID'],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]), 'UPLOAD_IMAGE_INVALID'],
      [tinyJpeg().subarray(0, 60), 'UPLOAD_IMAGE_INVALID'],
      [Buffer.concat([tinyWebp(), Buffer.alloc(10)]), 'UPLOAD_IMAGE_INVALID'],
      [pngDeclaring(8001, 10), 'UPLOAD_IMAGE_DIMENSIONS'],
      [pngDeclaring(100_000, 100_000), 'UPLOAD_IMAGE_DIMENSIONS'],
      [tinyJpeg(9000, 10), 'UPLOAD_IMAGE_DIMENSIONS'],
    ];
    for (const [data, code] of cases) {
      const res = await upload(data);
      expect({ status: res.statusCode, code: errorCode(res) }).toEqual({ status: 400, code });
    }
    expect(await uploadRows()).toBe(rows);
  });
});
