import { grantMembership } from '../repositories/portal-memberships';
import type { Db } from '../connection';
import type { Role } from '../../domain/roles';
import { countUsers, insertUser } from '../repositories/users';
import { insertClient, type NewClient } from '../repositories/clients';
import { putSetting } from '../repositories/settings';

export const DEMO_PASSWORD = 'lexflow-demo';

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role; locale?: 'zh-CN' | 'en' }> = [
  { email: 'partner@demo.lexflow', name: '王建国', role: 'partner' },
  { email: 'li.ming@demo.lexflow', name: '李明', role: 'lawyer' },
  { email: 'zhang.ting@demo.lexflow', name: '张婷', role: 'lawyer' },
  { email: 'assistant@demo.lexflow', name: '陈晓', role: 'assistant' },
  { email: 'finance@demo.lexflow', name: '赵敏', role: 'finance' },
  { email: 'admin@demo.lexflow', name: '系统管理员', role: 'admin' },
];

export const DEMO_PORTAL_USER = { email: 'client@demo.lexflow', name: '刘洋' } as const;

/** Fictitious firms and people; identity numbers are well-formed but belong to no one. */
const DEMO_CLIENTS: NewClient[] = [
  {
    kind: 'organisation',
    name: '上海星河科技有限公司',
    idNumber: '91310115MA1K3XYZ8B',
    phone: '021-5888 0101',
    address: '上海市浦东新区张江路 88 号',
    source: 'referral',
  },
  { kind: 'person', name: '刘洋', idNumber: '310104198805120034', phone: '138 0000 1234', source: 'walk-in' },
  {
    kind: 'organisation',
    name: '北京华信建设工程有限公司',
    idNumber: '91110105MA01ABCD3X',
    phone: '010-6500 2200',
    address: '北京市朝阳区建国路 1 号',
    source: 'website',
  },
  { kind: 'person', name: '周丽华', idNumber: '440106197903150027', phone: '139 0000 5678', source: 'referral' },
];

export interface SeedResult {
  seeded: boolean;
  users: number;
  clients: number;
}

/**
 * Seeds the demo firm into an empty database (no users); does nothing otherwise, so a second
 * `lexflow start` or `lexflow seed` never duplicates it. Demo mode only — the caller checks.
 */
export async function seedDemoFirm(db: Db, hashPassword: (p: string) => Promise<string>): Promise<SeedResult> {
  if ((await countUsers(db)) > 0) return { seeded: false, users: 0, clients: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (trx) => {
    await putSetting(trx, 'firm', { name: '律程示范律师事务所', nameEn: 'LexFlow Demo Law Firm', timezone: 'Asia/Shanghai' });
    const clients = [];
    for (const c of DEMO_CLIENTS) clients.push(await insertClient(trx, c));
    for (const u of DEMO_USERS) await insertUser(trx, { ...u, passwordHash });
    const portalClient = clients.find((c) => c.name === DEMO_PORTAL_USER.name);
    const portalUser = await insertUser(trx, { ...DEMO_PORTAL_USER, role: 'client', passwordHash });
    if (portalClient) await grantMembership(trx, { userId: portalUser.id, clientId: portalClient.id, grantedBy: null });
    return { seeded: true, users: DEMO_USERS.length + 1, clients: clients.length };
  });
}
