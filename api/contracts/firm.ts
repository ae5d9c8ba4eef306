import { z } from 'zod';

export const ZFirm = z.object({
  name: z.string(),
  nameEn: z.string(),
  timezone: z.string().describe('IANA time zone every date of the firm is shown in, e.g. Asia/Shanghai'),
});
export type Firm = z.infer<typeof ZFirm>;
