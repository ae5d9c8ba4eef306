import { makePng } from '../test/helpers/document-fixtures';
import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import type { HttpClient } from '../test/helpers/app';

/**
 * The firm's logo (issue 18, item 1: the letterhead): an admin uploads a PNG or JPEG as the raw
 * body; its type is read from its first bytes (a text file named .png is refused), it is bounded at
 * 512 KiB before it is read whole, every signed-in user may fetch it, only admins change it.
 */
let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack('firm-logo', { historical: 0 });
}, 120_000);
afterAll(async () => stack?.close());

async function putLogo(who: HttpClient, bytes: Buffer | string, type = 'image/png', headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.app.url}/api/v1/firm/logo`, {
    method: 'PUT',
    headers: { cookie: who.cookie, 'content-type': type, ...headers },
    body: bytes,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}

describe('the firm logo', () => {
  it('is none at first: the settings and /firm say null and GET is 404', async () => {
    expect((await stack.as.admin.get('/api/v1/firm/settings')).body.logo).toBeNull();
    expect((await stack.as['li.ming'].get('/api/v1/firm')).body.logo).toBeNull();
    expect((await stack.as.admin.download('/api/v1/firm/logo')).status).toBe(404);
  });

  it('uploaded as a PNG, comes back byte for byte to every signed-in user, cacheable, and shows in the settings', async () => {
    const png = makePng(4, 3);
    const r = await putLogo(stack.as.admin, png);
    expect(r.status).toBe(200);
    expect(r.body.logo).toEqual({
      url: expect.stringMatching(/^\/api\/v1\/firm\/logo\?v=[0-9a-f]{12}$/),
      mime: 'image/png',
      size: png.length,
    });
    for (const who of ['admin', 'li.ming', 'assistant'] as const) {
      const got = await stack.as[who].download(r.body.logo.url);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(got.headers.get('cache-control')).toMatch(/private, max-age=\d+/);
      expect(got.bytes.equals(png)).toBe(true);
    }
    expect((await stack.as['li.ming'].get('/api/v1/firm')).body.logo).toEqual(r.body.logo);
    const audit = await stack.tdb.db('audit_log').where({ action: 'PUT /api/v1/firm/logo', status: 200 }).first('details');
    expect(audit.details).toMatchObject({ mime: 'image/png', size: png.length });
  });

  it('refuses a text file named .png (415), another media type (415), an empty body (400) and one past 512 KiB (413)', async () => {
    const before = (await stack.as.admin.get('/api/v1/firm/settings')).body.logo;
    const fake = await putLogo(stack.as.admin, 'this is not an image, only named logo.png');
    expect([fake.status, fake.contentType, fake.body.code]).toEqual([
      415,
      'application/problem+json; charset=utf-8',
      'unsupported-media-type',
    ]);
    expect(fake.body.detail).toMatch(/not a PNG or JPEG/);
    expect((await putLogo(stack.as.admin, makePng(), 'image/gif')).status).toBe(415);
    expect((await putLogo(stack.as.admin, Buffer.alloc(0))).status).toBe(400);
    const big = Buffer.concat([makePng(), Buffer.alloc(512 * 1024)]);
    const tooBig = await putLogo(stack.as.admin, big);
    expect([tooBig.status, tooBig.body.code]).toEqual([413, 'file-too-large']);
    // A body that does not say its length (chunked) is counted as it arrives.
    const chunked = await fetch(`${stack.app.url}/api/v1/firm/logo`, {
      method: 'PUT',
      headers: { cookie: stack.as.admin.cookie, 'content-type': 'image/png' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await stack.as.admin.get('/api/v1/firm/settings')).body.logo).toEqual(before);
  });

  it('takes a JPEG by its signature', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake rest')]);
    const r = await putLogo(stack.as.admin, jpeg, 'image/jpeg');
    expect([r.status, r.body.logo.mime]).toEqual([200, 'image/jpeg']);
  });

  it('is changed and removed by admins only (403), and after removal GET is 404', async () => {
    for (const who of ['partner', 'li.ming', 'assistant', 'finance'] as const) {
      expect((await putLogo(stack.as[who], makePng())).status).toBe(403);
      expect((await stack.as[who].del('/api/v1/firm/logo')).status).toBe(403);
    }
    expect((await stack.as.admin.download('/api/v1/firm/logo')).status).toBe(200);
    expect((await stack.as.admin.del('/api/v1/firm/logo')).status).toBe(204);
    expect((await stack.as.admin.download('/api/v1/firm/logo')).status).toBe(404);
    expect((await stack.as.admin.get('/api/v1/firm/settings')).body.logo).toBeNull();
    // Removing it again is harmless.
    expect((await stack.as.admin.del('/api/v1/firm/logo')).status).toBe(204);
  });

  it('is not lost when the other firm settings change', async () => {
    await putLogo(stack.as.admin, makePng());
    await stack.as.admin.patch('/api/v1/firm/settings', { address: '北京市朝阳区建国路 1 号' });
    expect((await stack.as.admin.get('/api/v1/firm/settings')).body.logo).toMatchObject({ mime: 'image/png' });
  });
});
