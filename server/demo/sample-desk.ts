import type { Principal } from '@server/auth/principal';
import { createCustomer } from '@server/customers/service';
import type { Database } from '@server/db/schema';
import type { PersonalDataVault } from '@server/privacy/vault';
import { installPreset } from '@server/sla/apply-preset';
import { createStandaloneTracker } from '@server/sla/assemble';
import { addTicketMessage } from '@server/tickets/add-message';
import { createTicket } from '@server/tickets/create-ticket';
import { updateTicket } from '@server/tickets/update-ticket';
import type { TicketChannel, TicketPriority, TicketStatus } from '@shared/tickets';
import type { Kysely } from 'kysely';

interface SampleCustomer {
  key: string;
  name: string;
  nickname: string;
  phone?: string;
  email?: string;
  company?: string;
  tags: string[];
  identities: { channel: string; externalId: string }[];
}

const CUSTOMERS: SampleCustomer[] = [
  {
    key: 'wang',
    name: '王丽',
    nickname: '丽丽爱购物',
    phone: '13812345678',
    tags: ['高价值'],
    identities: [
      { channel: 'taobao', externalId: 'tb_lili_2019' },
      { channel: 'wechat', externalId: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' },
    ],
  },
  {
    key: 'li',
    name: '李强',
    nickname: '强哥',
    phone: '13900009999',
    email: 'liqiang@example.cn',
    tags: ['老客'],
    identities: [{ channel: 'email', externalId: 'liqiang@example.cn' }],
  },
  {
    key: 'zhang',
    name: '张伟',
    nickname: 'zw_88',
    phone: '13600001234',
    tags: ['新客'],
    identities: [{ channel: 'jd', externalId: 'jd_zw88' }],
  },
  {
    key: 'chen',
    name: '陈晓',
    nickname: '晓晓',
    tags: ['沉默'],
    identities: [{ channel: 'web_chat', externalId: 'visitor-7f3a' }],
  },
  {
    key: 'xinghe',
    name: '刘经理',
    nickname: '',
    phone: '02188886666',
    email: 'it@xinghe-tech.example',
    company: '星河科技有限公司',
    tags: ['高价值', '企业客户'],
    identities: [{ channel: 'wecom', externalId: 'wmXH_liujingli' }],
  },
];

interface SampleTicket {
  customer: string;
  channel: TicketChannel;
  subject: string;
  description: string;
  type: string;
  subtype?: string;
  priority: TicketPriority;
  assignee?: string;
  thread: { direction: 'inbound' | 'outbound' | 'note'; body: string }[];
  status?: TicketStatus[];
}

const TICKETS: SampleTicket[] = [
  {
    // Personal data as customers really send it (seed 000): masked at intake, revealable by a supervisor.
    customer: 'wang',
    channel: 'wechat',
    subject: '修改收货地址并退款到银行卡',
    description: '客户要求修改收货地址，并把退款打到另一张银行卡。',
    type: 'consult',
    priority: 'normal',
    assignee: 'agent2@demo.kefu.local',
    thread: [
      {
        direction: 'inbound',
        body: '我的身份证号是 11010519491231002X，手机 13812345678，退款请打到卡 6228480402564890018',
      },
      { direction: 'note', body: '已核对身份证后四位与手机尾号，待主管确认退款账户。' },
    ],
    status: ['open'],
  },
  {
    customer: 'wang',
    channel: 'taobao',
    subject: '申请退货：连衣裙尺码偏小',
    description: '订单号 3712345678901234567，收到后发现尺码偏小，想退货退款。',
    type: 'problem',
    subtype: 'quality',
    priority: 'normal',
    assignee: 'agent@demo.kefu.local',
    thread: [
      { direction: 'inbound', body: '你好，裙子小了一码，可以退吗？' },
      {
        direction: 'outbound',
        body: '您好，我为您查询一下。支持七天无理由退货，已为您提交退货申请，请在 48 小时内寄回。',
      },
    ],
    status: ['open'],
  },
  {
    customer: 'li',
    channel: 'email',
    subject: 'APP 一打开就闪退',
    description: '型号 X200，升级到最新版本后一打开就闪退，重装也没用。',
    type: 'problem',
    subtype: 'malfunction',
    priority: 'important',
    assignee: 'engineer@demo.kefu.local',
    thread: [
      { direction: 'inbound', body: '升级后 APP 一打开就闪退，已经重装过了。' },
      { direction: 'note', body: '已复现，安卓 14 + X200 固件 3.2 组合，转研发排查。' },
    ],
    status: ['open', 'pending_internal'],
  },
  {
    customer: 'zhang',
    channel: 'jd',
    subject: '物流三天没有更新',
    description: '京东订单 282736451023，物流停在转运中心三天了。',
    type: 'problem',
    subtype: 'logistics',
    priority: 'important',
    thread: [{ direction: 'inbound', body: '快递三天没动了，什么时候能到？' }],
  },
  {
    customer: 'wang',
    channel: 'wechat',
    subject: '投诉：客服回复太慢',
    description: '上周咨询等了很久都没人回复，非常不满意，再这样就去曝光。',
    type: 'complaint',
    subtype: 'attitude',
    priority: 'urgent',
    assignee: 'supervisor@demo.kefu.local',
    thread: [
      { direction: 'inbound', body: '你们客服太慢了，再这样我就去曝光！' },
      {
        direction: 'outbound',
        body: '非常理解您现在的心情，给您带来不便深表歉意。主管王芳（工号 KF1001）已接手，今天 18:00 前给您处理方案。',
      },
    ],
    status: ['open'],
  },
  {
    customer: 'chen',
    channel: 'web_chat',
    subject: '优惠券用不了',
    description: '满 300 减 50 的优惠券结算时显示不可用。',
    type: 'consult',
    subtype: 'promotion',
    priority: 'normal',
    assignee: 'agent2@demo.kefu.local',
    thread: [
      { direction: 'inbound', body: '优惠券为什么用不了？' },
      { direction: 'outbound', body: '您好，这张券需要订单满 300 元（不含运费）才可使用，您当前是 289 元。' },
      { direction: 'inbound', body: '明白了，谢谢！' },
    ],
    status: ['open', 'resolved'],
  },
  {
    customer: 'xinghe',
    channel: 'wecom',
    subject: '企业账号无法登录后台',
    description: '全公司 20 个账号都无法登录管理后台，影响核心业务。',
    type: 'problem',
    subtype: 'malfunction',
    priority: 'urgent',
    assignee: 'csm@demo.kefu.local',
    thread: [
      { direction: 'inbound', body: '我们全公司都登录不了后台，业务全停了，请马上处理！' },
      { direction: 'note', body: '高价值企业客户，已同步技术值班，一小时内回电。' },
    ],
    status: ['open'],
  },
  {
    customer: 'li',
    channel: 'phone',
    subject: '修改收货地址',
    description: '来电要求把收货地址改到公司地址。',
    type: 'consult',
    subtype: 'policy',
    priority: 'normal',
    thread: [
      {
        direction: 'inbound',
        body: '（来电记录）客户要求将订单收货地址改为公司地址，已核实手机号后四位 9999。',
      },
    ],
  },
  {
    customer: 'zhang',
    channel: 'jd',
    subject: '建议增加夜间配送',
    description: '希望晚上 8 点后也能送货。',
    type: 'suggestion',
    subtype: 'process',
    priority: 'normal',
    assignee: 'operations@demo.kefu.local',
    thread: [
      { direction: 'inbound', body: '能不能晚上送货？白天不在家。' },
      { direction: 'outbound', body: '感谢您的建议，已反馈给运营部门评估。' },
    ],
    status: ['open', 'resolved', 'closed'],
  },
];

/** A few days of a real desk for the demo workspace: customers on several channels and tickets in every state. */
export async function loadSampleDesk(
  db: Kysely<Database>,
  options: { workspaceId: string; vault: PersonalDataVault },
): Promise<void> {
  const { vault } = options;
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'role'])
    .where('workspace_id', '=', options.workspaceId)
    .execute();
  const userByEmail = new Map(users.map((user) => [user.email, user]));
  const admin = users.find((user) => user.role === 'admin');
  if (!admin) return;
  const actor: Principal = {
    via: 'session',
    userId: admin.id,
    workspaceId: options.workspaceId,
    role: 'admin',
  };

  // The demo desk runs seed 000's service levels, so its tickets show live SLA clocks.
  const sla = createStandaloneTracker();
  await installPreset(db, sla.deps.calendars, {
    workspaceId: options.workspaceId,
    presetId: 'multi-platform',
    actorUserId: null,
  });

  const customerIds = new Map<string, string>();
  for (const sample of CUSTOMERS) {
    const customer = await createCustomer(db, {
      workspaceId: options.workspaceId,
      fields: {
        name: sample.name,
        nickname: sample.nickname,
        phone: sample.phone ?? null,
        email: sample.email ?? null,
        company: sample.company ?? '',
        tags: sample.tags,
        attributes: {},
        notes: '',
      },
      identities: sample.identities,
      vault,
    });
    customerIds.set(sample.key, customer.id);
  }

  for (const sample of TICKETS) {
    const assignee = sample.assignee ? userByEmail.get(sample.assignee) : undefined;
    const ticket = await createTicket(db, {
      actor,
      ticket: {
        subject: sample.subject,
        description: sample.description,
        channel: sample.channel,
        type: sample.type,
        subtype: sample.subtype ?? null,
        priority: sample.priority,
        customerId: customerIds.get(sample.customer) ?? null,
        assigneeId: assignee?.id ?? null,
        tags: [],
        customFields: {},
        needsCollaboration: false,
        collaborationDepartmentIds: [],
      },
      vault,
      sla,
    });
    const author: Principal = assignee ? { ...actor, userId: assignee.id, role: assignee.role } : actor;
    for (const message of sample.thread) {
      await addTicketMessage(db, {
        actor: author,
        ticketId: ticket.id,
        direction: message.direction,
        body: message.body,
        vault,
        sla,
        // The demo's replies are what agents wrote; none is refused for personal data.
        confirmPersonalData: true,
      });
    }
    for (const status of sample.status ?? []) {
      const current = await db
        .selectFrom('tickets')
        .select(['version', 'status'])
        .where('id', '=', ticket.id)
        .executeTakeFirstOrThrow();
      if (current.status !== status)
        await updateTicket(db, {
          actor,
          ticketId: ticket.id,
          version: current.version,
          changes: { status },
          vault,
          sla,
        });
    }
  }
}
