import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drawPlate } from '../../src/lib/png';
import { pngOfSize, tinyJpeg, tinyWebp } from '../support/images';
import { createTestApp, type TestApp } from '../support/test-app';
import { demoCallers, expectError, library, multipartFile } from './support';

let t: TestApp;
let people: Awaited<ReturnType<typeof demoCallers>>;
let uploadsDir: string;

beforeAll(async () => {
  uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shzq-dish-uploads-'));
  t = await createTestApp({ env: { UPLOADS_DIR: uploadsDir } });
  people = await demoCallers(t);
}, 60_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(uploadsDir, { recursive: true, force: true });
});

const PNG = drawPlate('测试菜', [
  [200, 40, 40],
  [40, 200, 40],
]);
const JPEG = tinyJpeg();
const WEBP = tinyWebp();

const upload = (
  who: { call: typeof people.staff.call },
  data: Buffer,
  filename = 'photo.png',
  contentType = 'image/png',
) => {
  const { payload, headers } = multipartFile(data, filename, contentType);
  return who.call('POST', '/api/uploads/images', payload, headers);
};

/** Everything in the uploads directory, temp files included. */
const onDisk = () => fs.readdirSync(uploadsDir).sort();
const uploadRows = async () =>
  Number(
    (
      await t.db.db
        .selectFrom('uploads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('photo upload', () => {
  it('accepts JPEG, PNG and WebP by content, and serves them with long cache headers', async () => {
    for (const [data, type, ext] of [
      [PNG, 'image/png', 'png'],
      [JPEG, 'image/jpeg', 'jpg'],
      [WEBP, 'image/webp', 'webp'],
    ] as const) {
      // The name and declared type say nothing: the bytes decide.
      const res = await upload(people.canteen1, data, 'whatever.bin', 'application/octet-stream');
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        id: expect.stringMatching(new RegExp(`^[0-9a-f]{32}\\.${ext}$`)),
        url: `/api/uploads/${body.id}`,
        contentType: type,
        bytes: data.length,
      });
      expect(onDisk()).toContain(body.id);

      const served = await t.app.inject({ method: 'GET', url: body.url });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe(type);
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      expect(served.rawPayload.equals(data)).toBe(true);
      const again = await t.app.inject({
        method: 'GET',
        url: body.url,
        headers: { 'if-none-match': served.headers.etag as string },
      });
      expect(again.statusCode).toBe(304);
    }
    // The same bytes twice are one file.
    const twice = await upload(people.admin, PNG);
    expect(twice.statusCode).toBe(201);
    expect(onDisk().filter((f) => f === twice.json().id)).toHaveLength(1);
  });

  it('refuses what is not an image, too big or empty, and leaves nothing on disk', async () => {
    const files = onDisk();
    const rows = await uploadRows();
    expectError(
      await upload(people.canteen1, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'photo.png', 'image/png'),
      415,
      'UPLOAD_TYPE_NOT_ALLOWED',
    );
    expectError(
      await upload(people.canteen1, Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'a.gif', 'image/gif'),
      415,
      'UPLOAD_TYPE_NOT_ALLOWED',
    );
    expectError(
      await upload(people.canteen1, Buffer.from('%PDF-1.7 not a photo at all'), 'photo.jpg', 'image/jpeg'),
      415,
      'UPLOAD_TYPE_NOT_ALLOWED',
    );
    // 5 MB and one byte, a real PNG.
    const big = pngOfSize(5 * 1024 * 1024 + 1);
    expectError(await upload(people.canteen1, big), 413, 'UPLOAD_TOO_LARGE');
    expectError(await upload(people.canteen1, Buffer.alloc(0)), 400, 'UPLOAD_EMPTY');
    // A form without a file part.
    const boundary = 'x-boundary';
    const noFile = await people.canteen1.call(
      'POST',
      '/api/uploads/images',
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`),
      {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    );
    expectError(noFile, 400, 'UPLOAD_EMPTY');
    expectError(
      await people.canteen1.call('POST', '/api/uploads/images', { file: 'x' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(onDisk()).toEqual(files);
    expect(await uploadRows()).toBe(rows);
  });

  it('takes exactly 5 MB', async () => {
    const max = pngOfSize(5 * 1024 * 1024);
    const res = await upload(people.canteen1, max);
    expect(res.statusCode).toBe(201);
    expect(res.json().bytes).toBe(5 * 1024 * 1024);
  });

  it('is for the people who work here (staff photograph letters and repairs), not visitors, signed in', async () => {
    expect((await upload(people.staff, PNG)).statusCode).toBe(201);
    expectError(await upload(people.visitor, PNG), 403, 'FORBIDDEN');
    const { payload, headers } = multipartFile(PNG);
    expectError(
      await t.app.inject({ method: 'POST', url: '/api/uploads/images', payload, headers }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('answers 404 for names it never issued', async () => {
    for (const url of [
      '/api/uploads/0123456789abcdef0123456789abcdef.png',
      '/api/uploads/..%2F..%2Fetc%2Fpasswd',
      '/api/uploads/x.png',
    ]) {
      expectError(await t.app.inject({ method: 'GET', url }), 404, 'UPLOAD_NOT_FOUND');
    }
  });
});

describe('the dish library', () => {
  it('creates, edits, retires and restores a dish with a photo', async () => {
    const photo = (await upload(people.canteen1, PNG)).json();
    const created = await people.canteen1.call('POST', '/api/canteens/canteen-1/dishes', {
      name: '  松鼠鳜鱼 ',
      category: '荤菜',
      tags: ['招牌', '酸甜'],
      allergens: ['鱼类'],
      photoUrl: photo.url,
    });
    expect(created.statusCode).toBe(201);
    const dish = created.json();
    expect(dish).toEqual({
      id: expect.any(String),
      canteenId: 'canteen-1',
      name: '松鼠鳜鱼',
      category: '荤菜',
      tags: ['招牌', '酸甜'],
      allergens: ['鱼类'],
      description: '',
      photoUrl: photo.url,
      retired: false,
    });
    const edited = await people.canteen1.call('PATCH', `/api/canteens/canteen-1/dishes/${dish.id}`, {
      description: '苏帮名菜',
      photoUrl: null,
      tags: [],
    });
    expect(edited.json()).toMatchObject({ description: '苏帮名菜', photoUrl: null, tags: [], name: '松鼠鳜鱼' });

    const retired = await people.canteen1.call('POST', `/api/canteens/canteen-1/dishes/${dish.id}/retire`);
    expect(retired.json().retired).toBe(true);
    expect((await library(people.canteen1, 'canteen-1')).map((d) => d.id)).not.toContain(dish.id);
    const onlyRetired = (await people.canteen1.call('GET', '/api/canteens/canteen-1/dishes?retired=only')).json().items;
    expect(onlyRetired.map((d: { id: string }) => d.id)).toEqual([dish.id]);
    expect(
      (await people.canteen1.call('GET', '/api/canteens/canteen-1/dishes?retired=include')).json().items,
    ).toHaveLength(31);
    const restored = await people.canteen1.call('POST', `/api/canteens/canteen-1/dishes/${dish.id}/restore`);
    expect(restored.json().retired).toBe(false);
  });

  it('keeps names unique within a canteen, retired dishes included', async () => {
    expectError(
      await people.canteen1.call('POST', '/api/canteens/canteen-1/dishes', { name: '红烧肉', category: '荤菜' }),
      409,
      'DISH_NAME_TAKEN',
    );
    const dishes = await library(people.canteen1, 'canteen-1');
    const other = dishes.find((d) => d.name !== '红烧肉')!;
    expectError(
      await people.canteen1.call('PATCH', `/api/canteens/canteen-1/dishes/${other.id}`, { name: '红烧肉' }),
      409,
      'DISH_NAME_TAKEN',
    );
    // The same name in another canteen is another dish.
    expect(
      (await people.canteen2.call('POST', '/api/canteens/canteen-2/dishes', { name: '红烧肉', category: '荤菜' }))
        .statusCode,
    ).toBe(201);
    // Two creates racing for one name: one wins, the other is told.
    const race = await Promise.all(
      [1, 2, 3, 4].map(() =>
        people.canteen1.call('POST', '/api/canteens/canteen-1/dishes', { name: '蟹粉豆腐', category: '半荤' }),
      ),
    );
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });

  it('refuses bad input, changing nothing', async () => {
    const before = await library(people.canteen1, 'canteen-1');
    const post = (body: object) => people.canteen1.call('POST', '/api/canteens/canteen-1/dishes', body);
    expectError(await post({ name: '新菜', category: '甜品' }), 400, 'VALIDATION_FAILED');
    expectError(await post({ name: '', category: '素菜' }), 400, 'VALIDATION_FAILED');
    expectError(await post({ name: '   ', category: '素菜' }), 400, 'VALIDATION_FAILED');
    expectError(await post({ name: '新菜', category: '素菜', allergens: ['香菜'] }), 400, 'VALIDATION_FAILED');
    expectError(
      await post({ name: '新菜', category: '素菜', photoUrl: 'https://example.com/a.png' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await post({ name: '新菜', category: '素菜', photoUrl: '/api/uploads/0123456789abcdef0123456789abcdef.png' }),
      400,
      'UPLOAD_NOT_FOUND',
    );
    expectError(await post({ name: '新菜', category: '素菜', price: 12 }), 400, 'VALIDATION_FAILED');
    expectError(
      await people.canteen1.call('PATCH', `/api/canteens/canteen-1/dishes/${before[0].id}`, {}),
      400,
      'VALIDATION_FAILED',
    );
    expect(await library(people.canteen1, 'canteen-1')).toEqual(before);
  });

  it('is edited only by that canteen\u2019s staff and admins', async () => {
    const dish = (await library(people.canteen1, 'canteen-1'))[0];
    const patch = { description: '改过了' };
    expectError(await people.staff.call('GET', '/api/canteens/canteen-1/dishes'), 403, 'FORBIDDEN');
    expectError(
      await people.staff.call('POST', '/api/canteens/canteen-1/dishes', { name: '职工菜', category: '素菜' }),
      403,
      'FORBIDDEN',
    );
    expectError(await people.staff.call('PATCH', `/api/canteens/canteen-1/dishes/${dish.id}`, patch), 403, 'FORBIDDEN');
    expectError(await people.canteen2.call('GET', '/api/canteens/canteen-1/dishes'), 403, 'NOT_CANTEEN_STAFF');
    expectError(
      await people.canteen2.call('POST', '/api/canteens/canteen-1/dishes', { name: '隔壁菜', category: '素菜' }),
      403,
      'NOT_CANTEEN_STAFF',
    );
    expectError(
      await people.canteen2.call('PATCH', `/api/canteens/canteen-1/dishes/${dish.id}`, patch),
      403,
      'NOT_CANTEEN_STAFF',
    );
    expectError(
      await people.canteen2.call('POST', `/api/canteens/canteen-1/dishes/${dish.id}/retire`),
      403,
      'NOT_CANTEEN_STAFF',
    );
    // Through its own canteen's path, the other canteen's dish does not exist.
    expectError(
      await people.canteen2.call('PATCH', `/api/canteens/canteen-2/dishes/${dish.id}`, patch),
      404,
      'DISH_NOT_FOUND',
    );
    expect((await library(people.canteen1, 'canteen-1'))[0]).toEqual(dish);

    expect((await people.multi.call('PATCH', `/api/canteens/canteen-1/dishes/${dish.id}`, patch)).statusCode).toBe(200);
    expect(
      (await people.admin.call('PATCH', `/api/canteens/canteen-1/dishes/${dish.id}`, { description: '' })).statusCode,
    ).toBe(200);
    expectError(await people.canteen1.call('GET', '/api/canteens/canteen-x/dishes'), 404, 'CANTEEN_NOT_FOUND');
  });
});
