import { z } from 'zod';

const ZPart = z.enum(['ok', 'error']);

export const ZHealth = z
  .object({ status: ZPart, db: ZPart, temporal: ZPart })
  .meta({ id: 'Health', description: '200 when every part is ok, 503 otherwise (same body).' });
export type Health = z.infer<typeof ZHealth>;
