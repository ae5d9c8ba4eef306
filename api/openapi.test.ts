import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { HttpClient, startTestApp, type TestApp } from '../test/helpers/app';

let tdb: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await startTestApp(tdb.db);
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('GET /api/docs', () => {
  it('is an OpenAPI 3.1 document of every route, generated from the zod schemas', async () => {
    const r = await new HttpClient(app.url).get('/api/docs');
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) =>
      Object.keys(m).map((method) => `${method.toUpperCase()} ${p}`),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /api/v1/health',
        'GET /api/v1/info',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'GET /api/v1/auth/me',
        'PATCH /api/v1/auth/me',
        'GET /api/v1/firm',
        'POST /api/v1/system/ping',
        'GET /api/v1/admin/audit-log',
        'POST /api/v1/process-templates/validate',
        'PUT /api/v1/process-templates/{key}/draft',
        'POST /api/v1/process-templates/{key}/publish',
        'GET /api/v1/process-templates/match',
        'POST /api/v1/cases',
        'POST /api/v1/cases/{id}/tasks/{taskId}/complete',
        'POST /api/v1/cases/{id}/advance',
        'POST /api/v1/cases/{id}/events',
        'POST /api/v1/cases/{id}/close',
        'POST /api/v1/cases/{id}/migrate',
        'GET /api/v1/cases/{id}/progress',
      ]),
    );
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(login.responses['401'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    // Signed in (Me), or a second step to take first (a two-factor code, or enrolment).
    const answers =
      login.responses['200'].content['application/json'].schema.anyOf ?? login.responses['200'].content['application/json'].schema.oneOf;
    expect(answers.map((x: { $ref?: string }) => x.$ref)).toContain('#/components/schemas/Me');
    expect(doc.components.schemas.Me.properties.role.enum).toEqual(['admin', 'partner', 'lawyer', 'assistant', 'finance', 'client']);
    // Every $ref points at a schema that exists.
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref.split('/').pop()!);
    expect(Object.keys(doc.paths['/api/v1/process-templates/validate'].post.requestBody.content)).toEqual(['application/xml']);
    // The firm logo: a raw image body in, the image bytes out.
    const logo = doc.paths['/api/v1/firm/logo'];
    expect(Object.keys(logo.put.requestBody.content)).toEqual(['image/png', 'image/jpeg']);
    expect(logo.put.requestBody.content['image/png'].schema).toEqual({ type: 'string', format: 'binary' });
    expect(Object.keys(logo.put.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '413', '415']));
    expect(Object.keys(logo.get.responses['200'].content)).toEqual(['image/png', 'image/jpeg']);
    expect(doc.paths['/api/v1/cases/{id}/tasks/{taskId}/complete'].post.responses['422']).toBeDefined();
    const audit = doc.paths['/api/v1/admin/audit-log'].get;
    expect(audit['x-access']).toEqual(['admin', 'partner']);
    expect(audit.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['page', 'pageSize', 'entity']));
  });
});
