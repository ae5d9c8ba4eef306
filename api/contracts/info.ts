import { z } from 'zod';

export const ZAppInfo = z.object({
  version: z.string(),
  mode: z.enum(['demo', 'production']).describe('demo: the seeded demo firm, whose logins the sign-in page may show'),
});
export type AppInfo = z.infer<typeof ZAppInfo>;
