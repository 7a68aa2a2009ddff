import { randomInt } from 'node:crypto';
import { login, uploadFile } from '@server/test/client';
import { buildTestApp, TEST_MASTER_KEY, testDb, testMasterKeys } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cardNumber, idCardNumber } from './corpus/check-digits';
import { Keyring } from './keyring';

const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');

/** Personal data no other test writes: a real-looking ID card, mobile and UnionPay card, fresh for this run. */
function freshPersonalData() {
  const day = String(randomInt(1, 28)).padStart(2, '0');
  const idCard = idCardNumber(`110105${1950 + randomInt(50)}0${randomInt(1, 9)}${day}${digits(3)}`);
  const mobile = `139${digits(8)}`;
  const card = cardNumber(`622848${digits(12)}`);
  return {
    idCard,
    mobile,
    card,
    // What the masks hide: none of it may be anywhere in the database.
    hidden: [idCard, idCard.slice(6, 14), mobile, card, card.slice(4, 15)],
  };
}

/** Every row of every table in the schema, as text (generated tsvector columns included), that contains `needle`. */
async function tablesHolding(needle: string): Promise<string[]> {
  const db = testDb();
  const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db);
  const holding: string[] = [];
  for (const { table_name } of tables.rows) {
    const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} t
      WHERE t::text LIKE ${`%${needle}%`}`.execute(db);
    if ((found.rows[0]?.n ?? 0) > 0) holding.push(table_name);
  }
  return holding;
}

async function setUp() {
  const app = await buildTestApp();
  const team = await buildTeam();
  const [agent, supervisor] = await Promise.all([login(app, team.agent), login(app, team.supervisor)]);
  return { app, team, agent, supervisor };
}

describe('personal data at intake', () => {
  it('stores, indexes, lists and searches an inbound message with an ID, a phone and a card only masked', async () => {
    const { agent, supervisor, team } = await setUp();
    const pd = freshPersonalData();
    const customer = await agent.post('/api/v1/customers', {
      name: '周女士',
      phone: pd.mobile,
      notes: `身份证 ${pd.idCard}`,
      identities: [{ channel: 'whatsapp', externalId: `+86${pd.mobile}` }],
    });
    expect(customer.statusCode).toBe(201);
    expect(customer.json()).toMatchObject({ phone: `${pd.mobile.slice(0, 3)}****${pd.mobile.slice(-4)}` });

    const ticket = await agent.post('/api/v1/tickets', {
      subject: `退款到卡 ${pd.card}`,
      channel: 'wechat',
      customerId: customer.json().id,
      customFields: { 联系电话: Number(pd.mobile) },
      productModel: pd.mobile,
    });
    expect(ticket.statusCode).toBe(201);
    expect(ticket.json().customFields.联系电话).toBe(`${pd.mobile.slice(0, 3)}****${pd.mobile.slice(-4)}`);
    const message = await agent.post(`/api/v1/tickets/${ticket.json().id}/messages`, {
      direction: 'inbound',
      body: `我的身份证号是${pd.idCard}，手机${pd.mobile}，退款请打到卡${pd.card}`,
    });
    expect(message.statusCode).toBe(201);
    expect(message.json().body).toBe(
      `我的身份证号是${pd.idCard.slice(0, 6)}********${pd.idCard.slice(-4)}，手机${pd.mobile.slice(0, 3)}****${pd.mobile.slice(-4)}，退款请打到卡${pd.card.slice(0, 4)} **** **** ${pd.card.slice(-4)}`,
    );
    expect(message.json().personalData.map((span: { kind: string }) => span.kind)).toEqual([
      'id_card',
      'mobile',
      'bank_card',
    ]);
    expect((await uploadFile(agent, ticket.json().id, `身份证${pd.idCard}.png`)).statusCode).toBe(201);

    // Listed and searched: the inbox and a search for the words around the data show masks only.
    const listed = await agent.get(`/api/v1/tickets?view=all&customerId=${customer.json().id}`);
    expect(listed.json().items[0].subject).toBe(
      `退款到卡 ${pd.card.slice(0, 4)} **** **** ${pd.card.slice(-4)}`,
    );
    const searched = await agent.get(`/api/v1/tickets?view=all&q=${encodeURIComponent('身份证号')}`);
    expect(searched.body).not.toContain(pd.idCard);
    for (const raw of [pd.idCard, pd.card]) {
      const byRaw = await agent.get(`/api/v1/tickets?view=all&q=${raw}`);
      expect(byRaw.json().items).toEqual([]);
    }
    // The customer's own phone still finds them, through its keyed hash.
    const byPhone = await agent.get(`/api/v1/customers?q=${pd.mobile}`);
    expect(byPhone.json().items.map((c: { id: string }) => c.id)).toEqual([customer.json().id]);

    for (const hidden of pd.hidden) expect(await tablesHolding(hidden), hidden).toEqual([]);

    // A supervisor reveals the ID card for a reason; the reveal is audited and the next load is masked again.
    const idSpan = message.json().personalData[0];
    const revealed = await supervisor.post(`/api/v1/personal-data/${idSpan.id}/reveal`, {
      reason: '客户要求核对实名信息',
    });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toEqual({ id: idSpan.id, kind: 'id_card', field: 'body', text: pd.idCard });
    const thread = await supervisor.get(`/api/v1/tickets/${ticket.json().id}`);
    expect(JSON.stringify(thread.json())).not.toContain(pd.idCard);
    const audit = await supervisor.get('/api/v1/audit-events?action=pii.revealed');
    expect(audit.json().items[0]).toMatchObject({
      action: 'pii.revealed',
      actor: { id: team.supervisor.id },
      targetType: 'ticket',
      targetId: ticket.json().id,
      detail: {
        kind: 'id_card',
        ticketNumber: ticket.json().number,
        messageId: message.json().id,
        reason: '客户要求核对实名信息',
      },
    });

    // An agent lacks pii:reveal: 403, and the attempt is in the audit log too.
    const refused = await agent.post(`/api/v1/personal-data/${idSpan.id}/reveal`, { reason: '好奇' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const denied = await supervisor.get(`/api/v1/audit-events?action=pii.&actorId=${team.agent.id}`);
    expect(denied.json().items[0]).toMatchObject({ action: 'pii.reveal_denied', detail: { reason: '好奇' } });
    // A reason is required.
    const noReason = await supervisor.post(`/api/v1/personal-data/${idSpan.id}/reveal`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
  });

  it('warns before a reply carries personal data over an unencrypted channel, and stores it masked', async () => {
    const { agent } = await setUp();
    const pd = freshPersonalData();
    const ticket = (await agent.post('/api/v1/tickets', { subject: '退款账户', channel: 'wechat' })).json();
    const body = `已为您登记退款卡号 ${pd.card}`;
    const refused = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'personal_data_in_reply',
      errors: [
        {
          path: '/body',
          code: 'bank_card',
          message: `${pd.card.slice(0, 4)} **** **** ${pd.card.slice(-4)}`,
        },
      ],
    });
    const thread = await agent.get(`/api/v1/tickets/${ticket.id}`);
    expect(thread.json().messages).toEqual([]);

    const sent = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body,
      confirmPersonalData: true,
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().body).not.toContain(pd.card);
    // A logged call is the sanctioned channel (seed 002: 官方客服电话): no warning.
    const call = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      channel: 'phone',
      body: `电话中向客户确认卡号 ${pd.card}`,
    });
    expect(call.statusCode).toBe(201);
  });

  it('keeps the originals of masks an edit leaves in place, and drops those it removes', async () => {
    const { agent, supervisor } = await setUp();
    const pd = freshPersonalData();
    const created = (
      await agent.post('/api/v1/tickets', { subject: `改手机号 ${pd.mobile}`, channel: 'web_chat' })
    ).json();
    const maskedSubject = created.subject as string;
    const edited = await agent.patch(`/api/v1/tickets/${created.id}`, {
      version: created.version,
      subject: `【加急】${maskedSubject}，卡 ${pd.card}`,
    });
    expect(edited.statusCode).toBe(200);
    const spans = edited.json().personalData as { id: string; kind: string; start: number; end: number }[];
    expect(spans.map((span) => span.kind).sort()).toEqual(['bank_card', 'mobile']);
    const mobileSpan = spans.find((span) => span.kind === 'mobile');
    expect(edited.json().subject.slice(mobileSpan?.start, mobileSpan?.end)).toBe(
      maskedSubject.slice('改手机号 '.length),
    );
    const revealed = await supervisor.post(`/api/v1/personal-data/${mobileSpan?.id}/reveal`, {
      reason: '回拨',
    });
    expect(revealed.json().text).toBe(pd.mobile);

    const cleared = await agent.patch(`/api/v1/tickets/${created.id}`, {
      version: edited.json().version,
      subject: '改手机号',
    });
    expect(cleared.json().personalData).toEqual([]);
  });

  it('reveals what was sealed before a master-key rotation and a data-key rotation', async () => {
    const { agent, team } = await setUp();
    const pd = freshPersonalData();
    const before = (
      await agent.post('/api/v1/tickets', { subject: `核实身份 ${pd.idCard}`, channel: 'web_chat' })
    ).json();

    // Rotate: a new KEFU_MASTER_KEY, the old one in KEFU_PREVIOUS_MASTER_KEYS; start-up re-wraps the data keys.
    const newMaster = 'ab'.repeat(32);
    const rotated = testMasterKeys(newMaster, [TEST_MASTER_KEY]);
    const keyring = new Keyring(testDb(), rotated);
    expect(await keyring.rewrapDataKeys({ workspaceId: team.workspace.id })).toBeGreaterThan(0);
    const wrappedBy = await testDb()
      .selectFrom('workspace_data_keys')
      .select('master_key_id')
      .where('workspace_id', '=', team.workspace.id)
      .execute();
    expect(new Set(wrappedBy.map((row) => row.master_key_id))).toEqual(new Set([rotated.currentId]));
    await keyring.rotateDataKey(team.workspace.id);

    // An app that knows only the new master key reveals the old original and seals new ones under the new data key.
    const app = await buildTestApp({ masterKeys: testMasterKeys(newMaster) });
    const supervisor = await login(app, team.supervisor);
    const span = before.personalData[0];
    const revealed = await supervisor.post(`/api/v1/personal-data/${span.id}/reveal`, { reason: '核对' });
    expect(revealed.json().text).toBe(pd.idCard);
    const after = (
      await supervisor.post('/api/v1/tickets', { subject: `新卡 ${pd.card}`, channel: 'web_chat' })
    ).json();
    const revealedAfter = await supervisor.post(`/api/v1/personal-data/${after.personalData[0].id}/reveal`, {
      reason: '核对',
    });
    expect(revealedAfter.json().text).toBe(pd.card);
  });

  it('keeps the audit log append-only in the database', async () => {
    const { team } = await setUp();
    const db = testDb();
    await expect(
      sql`UPDATE audit_events SET action = 'x' WHERE workspace_id = ${team.workspace.id}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`DELETE FROM audit_events WHERE workspace_id = ${team.workspace.id}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_events`.execute(db)).rejects.toThrow(/append-only/);
  });
});
