import fs from 'node:fs';
import path from 'node:path';
import { hashPassword } from '@server/auth/passwords';
import { generateSecret } from '@server/auth/secrets';
import type { Database } from '@server/db/schema';
import { createMailbox } from '@server/email/mailboxes';
import type { PersonalDataVault } from '@server/privacy/vault';
import { seedQuickReplies } from '@server/quick-replies/seed';
import { ensureWebChat } from '@server/web-chat/settings';
import type { Role } from '@shared/roles';
import type { Kysely } from 'kysely';
import { loadDemoRouting } from './routing-setup';
import { loadSampleDesk } from './sample-desk';

const DEMO_DEPARTMENTS = [
  { key: 'frontline', name: '客服部', description: '一线客服：咨询、售前、订单问题（客服专员）' },
  { key: 'complaints', name: '客诉组', description: '投诉与建议、回访与升级（客服主管）' },
  { key: 'technical', name: '售后技术部', description: '故障排查与维修方案（售后/技术工程师）' },
  { key: 'operations', name: '运营部', description: '信息变更、活动与订单通知（运营专员）' },
  { key: 'success', name: '客户成功部', description: '高价值客户的主动关怀（客户成功经理）' },
] as const;

type DepartmentKey = (typeof DEMO_DEPARTMENTS)[number]['key'];

const DEMO_USERS: {
  email: string;
  name: string;
  employeeNo: string;
  role: Role;
  department: DepartmentKey | null;
}[] = [
  { email: 'admin@demo.kefu.local', name: '周敏', employeeNo: 'KF0001', role: 'admin', department: null },
  {
    email: 'supervisor@demo.kefu.local',
    name: '王芳',
    employeeNo: 'KF1001',
    role: 'supervisor',
    department: 'complaints',
  },
  {
    email: 'agent@demo.kefu.local',
    name: '李娜',
    employeeNo: 'KF2001',
    role: 'agent',
    department: 'frontline',
  },
  {
    email: 'agent2@demo.kefu.local',
    name: '张伟',
    employeeNo: 'KF2002',
    role: 'agent',
    department: 'frontline',
  },
  {
    email: 'engineer@demo.kefu.local',
    name: '陈杰',
    employeeNo: 'JS3001',
    role: 'engineer',
    department: 'technical',
  },
  {
    email: 'operations@demo.kefu.local',
    name: '刘洋',
    employeeNo: 'YY4001',
    role: 'operations',
    department: 'operations',
  },
  {
    email: 'csm@demo.kefu.local',
    name: '赵静',
    employeeNo: 'CS5001',
    role: 'success_manager',
    department: 'success',
  },
];

export interface DemoLogins {
  password: string;
  emails: { email: string; role: Role }[];
  /** Where the logins were written, so they can be found after the console has scrolled away. */
  file: string;
}

/**
 * Loads the demo workspace 示例商城: its departments, one person per seed role, and a sample desk of customers and
 * tickets. All demo accounts share one
 * random password, printed at first start and kept (mode 600) in `<dataDir>/demo-logins.txt`.
 */
/** The demo's mailbox address (on Kefu's own SMTP listener). */
export const DEMO_MAILBOX = 'service@demo.kefu.local';

export async function loadDemoWorkspace(
  db: Kysely<Database>,
  options: { dataDir: string; vault: PersonalDataVault },
): Promise<DemoLogins> {
  const password = `demo-${generateSecret(9)}`;
  const passwordHash = await hashPassword(password);
  const workspaceId = await db.transaction().execute(async (tx) => {
    const workspace = await tx
      .insertInto('workspaces')
      .values({ name: '示例商城（演示）', slug: 'demo', is_demo: true, settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const departments = await tx
      .insertInto('departments')
      .values(
        DEMO_DEPARTMENTS.map((d) => ({
          workspace_id: workspace.id,
          name: d.name,
          description: d.description,
        })),
      )
      .returning(['id', 'name'])
      .execute();
    const departmentIdByKey = new Map(
      DEMO_DEPARTMENTS.map((d) => [d.key, departments.find((row) => row.name === d.name)?.id ?? null]),
    );
    await tx
      .insertInto('users')
      .values(
        DEMO_USERS.map((user) => ({
          workspace_id: workspace.id,
          email: user.email,
          name: user.name,
          employee_no: user.employeeNo,
          role: user.role,
          department_id: user.department ? (departmentIdByKey.get(user.department) ?? null) : null,
          password_hash: passwordHash,
        })),
      )
      .execute();
    return workspace.id;
  });
  await loadSampleDesk(db, { workspaceId, vault: options.vault });
  await loadDemoRouting(db, workspaceId);
  // Web chat on: the widget (its preview at /widget-demo) and the quick replies live chat offers.
  await ensureWebChat(db, workspaceId);
  await seedQuickReplies(db, workspaceId);
  // A mailbox on the SMTP listener: mail sent to it (swaks, any client pointed at port 2525) becomes a ticket.
  // No outgoing server is set, so replies show 发送失败 with the reason until one is configured in 管理 → 邮箱.
  await createMailbox(db, options.vault.keyring, workspaceId, {
    address: DEMO_MAILBOX,
    displayName: '示例商城客服',
    smtpInbound: true,
    imap: null,
    smtp: null,
    // Seed 003's style: the kind of matter in brackets, what it is about, the ticket number.
    subjectTemplates: {
      aftersale: '【售后反馈】关于{subject}的处理进度',
      complaint: '【投诉处理】关于{subject}的处理结果',
      default: 'Re: {subject}',
    },
    signature: '示例商城客服中心\n服务热线 400-800-1234（9:00–21:00）',
  });

  const file = path.join(options.dataDir, 'demo-logins.txt');
  fs.mkdirSync(options.dataDir, { recursive: true });
  const lines = [
    'Kefu demo workspace 示例商城 — every account below uses this password:',
    `  ${password}`,
    '',
    ...DEMO_USERS.map((user) => `  ${user.email.padEnd(30)} ${user.role}`),
    '',
  ];
  fs.writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  return { password, emails: DEMO_USERS.map(({ email, role }) => ({ email, role })), file };
}

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}
