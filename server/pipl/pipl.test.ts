import { login, type TestClient, uploadFile } from '@server/test/client';
import { buildTestApp, testDb, testVault } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { finishedJob, indexFilesHolding, PNG, uniquePerson } from './test-support';

type Person = ReturnType<typeof uniquePerson>;

/** Every row of every table in the database, as JSON text, that contains one of the needles. */
async function rowsHolding(needles: string[]) {
  const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(testDb());
  const found: { table: string; needle: string }[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      row: string;
    }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table_name)} t`.execute(testDb());
    for (const { row } of rows.rows)
      for (const needle of needles) if (row.includes(needle)) found.push({ table: table_name, needle });
  }
  return found;
}

async function ticketStatistics(workspaceId: string) {
  return testDb()
    .selectFrom('tickets')
    .select(['status', 'channel', 'priority', 'type', 'assignee_id'])
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .groupBy(['status', 'channel', 'priority', 'type', 'assignee_id'])
    .orderBy('status')
    .orderBy('channel')
    .orderBy('priority')
    .orderBy('count')
    .execute();
}

/** A customer with a merged duplicate, two tickets, messages carrying an id card and an address, and a file. */
async function customerWithHistory(agent: TestClient) {
  const person = uniquePerson();
  const customer = (
    await agent.post('/api/v1/customers', {
      name: person.name,
      phone: person.phone,
      email: person.email,
      company: `${person.name}的小店`,
      notes: `送货地址 ${person.address}`,
      attributes: { 会员等级: '金卡', 收货地址: person.address },
      identities: [
        { channel: 'wechat', externalId: person.wechatId },
        { channel: 'phone', externalId: person.phone },
      ],
    })
  ).json();
  const duplicate = uniquePerson();
  const old = (
    await agent.post('/api/v1/customers', {
      name: `${person.name}旧`,
      email: duplicate.email,
      identities: [{ channel: 'email', externalId: duplicate.email }],
    })
  ).json();
  expect(
    (await agent.post(`/api/v1/customers/${customer.id}/merge`, { sourceCustomerId: old.id })).statusCode,
  ).toBe(200);

  const first = (
    await agent.post('/api/v1/tickets', {
      subject: `${person.name} 申请退货`,
      description: `身份证 ${person.idCard}，电话 ${person.phone}`,
      channel: 'phone',
      customerId: customer.id,
      customFields: { 联系人: person.name },
    })
  ).json();
  const file = await uploadFile(agent, first.id, `${person.name}-发票.png`, PNG);
  expect(file.statusCode).toBe(201);
  const inbound = await agent.post(`/api/v1/tickets/${first.id}/messages`, {
    direction: 'inbound',
    body: `我的驿站包裹丢了，请寄到 ${person.address}，身份证 ${person.idCard}`,
    attachmentIds: [file.json().id],
  });
  expect(inbound.statusCode).toBe(201);
  expect(
    (
      await agent.request('PATCH', `/api/v1/tickets/${first.id}`, {
        version: (await agent.get(`/api/v1/tickets/${first.id}`)).json().version,
        subject: `${person.name} 申请退货（已核实 ${person.email}）`,
      })
    ).statusCode,
  ).toBe(200);
  const second = (
    await agent.post('/api/v1/tickets', {
      subject: `催发货 ${person.phone}`,
      channel: 'email',
      priority: 'urgent',
      customerId: customer.id,
    })
  ).json();
  await agent.post(`/api/v1/tickets/${second.id}/messages`, {
    direction: 'inbound',
    body: `请联系 ${person.email}`,
  });
  return {
    person,
    duplicate,
    customer,
    duplicateId: old.id as string,
    tickets: [first, second],
    fileId: file.json().id as string,
  };
}

const needlesOf = (person: Person, duplicate: Person) => [
  person.name,
  person.phone,
  person.email,
  person.wechatId,
  person.idCard,
  person.street,
  duplicate.email,
];

describe('PIPL export and erasure', () => {
  it('exports a customer with originals and files, then erases them from every table', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const agent = await login(app, team.agent);
    const { person, duplicate, customer, duplicateId, tickets, fileId } = await customerWithHistory(agent);
    const bystander = uniquePerson();
    const other = (
      await agent.post('/api/v1/customers', { name: bystander.name, phone: bystander.phone })
    ).json();
    const otherTicket = (
      await agent.post('/api/v1/tickets', {
        subject: `${bystander.name} 咨询驿站`,
        channel: 'web_chat',
        customerId: other.id,
      })
    ).json();

    const started = await admin.post(`/api/v1/customers/${customer.id}/exports`);
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({
      kind: 'export',
      customerId: customer.id,
      total: 2,
      downloadUrl: null,
    });
    const job = await finishedJob(admin, started.json().id);
    expect(job).toMatchObject({ status: 'completed', processed: 2, total: 2, error: null });
    const download = await admin.get(job.downloadUrl);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="${customer.number}-personal-data.zip"`,
    );
    const archive = unzipSync(new Uint8Array(download.rawPayload));
    const profile = JSON.parse(strFromU8(archive['customer.json'] as Uint8Array));
    expect(profile).toMatchObject({
      number: customer.number,
      name: person.name,
      phone: person.phone,
      email: person.email,
      notes: `送货地址 ${person.address}`,
      attributes: { 收货地址: person.address },
    });
    expect(profile.identities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'wechat', externalId: person.wechatId }),
        expect.objectContaining({ channel: 'phone', externalId: person.phone }),
        expect.objectContaining({ channel: 'email', externalId: duplicate.email }),
      ]),
    );
    expect(profile.mergedRecords).toEqual([expect.objectContaining({ email: duplicate.email })]);
    const exported = JSON.parse(strFromU8(archive['tickets.json'] as Uint8Array));
    expect(exported.map((ticket: { number: string }) => ticket.number)).toEqual(tickets.map((t) => t.number));
    expect(exported[0]).toMatchObject({
      subject: `${person.name} 申请退货（已核实 ${person.email}）`,
      description: `身份证 ${person.idCard}，电话 ${person.phone}`,
      customFields: { 联系人: person.name },
      channel: 'phone',
    });
    const filePath = `attachments/${tickets[0].number}/${person.name}-发票.png`;
    expect(exported[0].messages).toEqual([
      expect.objectContaining({
        direction: 'inbound',
        body: `我的驿站包裹丢了，请寄到 ${person.address}，身份证 ${person.idCard}`,
        files: [filePath],
      }),
    ]);
    expect(exported[1].messages[0].body).toBe(`请联系 ${person.email}`);
    expect(Buffer.from(archive[filePath] as Uint8Array).equals(PNG)).toBe(true);
    expect(strFromU8(archive['README.txt'] as Uint8Array)).toContain(customer.number);

    // The search below is only worth something if it finds the person before the erasure.
    const before = await rowsHolding(needlesOf(person, duplicate));
    expect(before).toEqual(expect.arrayContaining([{ table: 'customers', needle: person.name }]));
    expect(before).toEqual(expect.arrayContaining([{ table: 'ticket_events', needle: person.name }]));
    const statisticsBefore = await ticketStatistics(team.workspace.id);
    const refused = await admin.post(`/api/v1/customers/${customer.id}/erasure`, { confirmNumber: 'CUS0' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: '/confirmNumber' })]);
    expect((await admin.get(`/api/v1/customers/${customer.id}`)).json().name).toBe(person.name);

    const erased = await admin.post(`/api/v1/customers/${customer.id}/erasure`, {
      confirmNumber: customer.number,
    });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({
      customerNumber: customer.number,
      tickets: 2,
      messages: 2,
      attachments: 1,
    });

    // Masked forms (139****5678) are personal data too, and so are the sealed originals, decrypted.
    const masked = [customer.phone, customer.email].filter((value) => value && value !== person.phone);
    expect(await rowsHolding([...needlesOf(person, duplicate), ...masked])).toEqual([]);
    expect(await indexFilesHolding([person.tag, person.email, duplicate.email])).toEqual([]);
    const sealed = await testDb()
      .selectFrom('pii_spans')
      .select('ciphertext')
      .where('workspace_id', '=', team.workspace.id)
      .execute();
    const originals = await Promise.all(
      sealed.map((row) => testVault().decrypt(team.workspace.id, row.ciphertext)),
    );
    // The bystander's sealed phone is still there: the check above reads real originals.
    expect(originals).toContain(bystander.phone);
    expect(
      originals.filter((text) => needlesOf(person, duplicate).some((needle) => text.includes(needle))),
    ).toEqual([]);
    const spansLeft = await testDb()
      .selectFrom('pii_spans')
      .select('id')
      .where('workspace_id', '=', team.workspace.id)
      .where((eb) =>
        eb.or([
          eb('customer_id', 'in', [customer.id, duplicateId]),
          eb(
            'ticket_id',
            'in',
            tickets.map((t) => t.id),
          ),
        ]),
      )
      .execute();
    expect(spansLeft).toEqual([]);
    expect(await ticketStatistics(team.workspace.id)).toEqual(statisticsBefore);

    const page = (await admin.get(`/api/v1/customers/${customer.id}`)).json();
    expect(page).toMatchObject({ name: '已删除客户', phone: null, email: null, notes: '', identities: [] });
    expect(page.tickets.map((t: { number: string }) => t.number).sort()).toEqual(
      tickets.map((t) => t.number).sort(),
    );
    const thread = (await admin.get(`/api/v1/tickets/${tickets[0].id}`)).json();
    expect(thread).toMatchObject({ subject: '[已删除]', description: '', customFields: {}, attachments: [] });
    expect(thread.messages.map((m: { body: string }) => m.body)).toEqual(['[已删除]']);
    expect((await admin.get(`/api/v1/attachments/${fileId}`)).statusCode).toBe(404);

    const found = async (q: string) =>
      (await admin.get(`/api/v1/tickets?view=all&q=${encodeURIComponent(q)}`))
        .json()
        .items.map((t: { id: string }) => t.id);
    expect(await found('驿站')).toEqual([otherTicket.id]);
    expect(await found('退货')).toEqual([]);
    expect(await found(person.phone)).toEqual([]);
    expect((await admin.get(`/api/v1/customers?q=${encodeURIComponent(person.name)}`)).json().items).toEqual(
      [],
    );
    expect((await admin.get(`/api/v1/customers/${other.id}`)).json().name).toBe(bystander.name);

    expect((await admin.get(job.downloadUrl)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/privacy-jobs/${job.id}`)).json().downloadUrl).toBeNull();
    const again = await admin.post(`/api/v1/customers/${customer.id}/erasure`, {
      confirmNumber: customer.number,
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'already_erased']);
    const audit = (await admin.get('/api/v1/audit-events')).json().items;
    const erasure = audit.find((event: { action: string }) => event.action === 'pii.customer_erased');
    expect(erasure).toMatchObject({
      targetId: customer.id,
      detail: { customerNumber: customer.number, tickets: 2 },
    });
    for (const action of ['pii.export_requested', 'pii.export_downloaded'])
      expect(audit.some((event: { action: string }) => event.action === action)).toBe(true);
  });

  it('refuses every PIPL route to an agent, and erasing a merged-away record', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const agent = await login(app, team.agent);
    const admin = await login(app, team.admin);
    const keep = (await agent.post('/api/v1/customers', { name: '保留' })).json();
    const gone = (await agent.post('/api/v1/customers', { name: '重复' })).json();
    await agent.post(`/api/v1/customers/${keep.id}/merge`, { sourceCustomerId: gone.id });
    const job = (await admin.post(`/api/v1/customers/${keep.id}/exports`)).json();

    const calls: [string, string, unknown?][] = [
      ['POST', `/api/v1/customers/${keep.id}/exports`],
      ['GET', `/api/v1/privacy-jobs/${job.id}`],
      ['GET', `/api/v1/privacy-jobs/${job.id}/download`],
      ['POST', `/api/v1/customers/${keep.id}/erasure`, { confirmNumber: keep.number }],
      ['POST', '/api/v1/privacy/retention/dry-run', {}],
      ['POST', '/api/v1/privacy/retention/run', { cutoff: '2020-01-01T00:00:00.000Z' }],
    ];
    for (const [method, url, body] of calls) {
      const response = await agent.request(method as 'GET' | 'POST', url, body);
      expect([url, response.statusCode]).toEqual([url, 403]);
    }
    await finishedJob(admin, job.id);
    expect((await admin.get(`/api/v1/customers/${keep.id}`)).json().name).toBe('保留');

    const merged = await admin.post(`/api/v1/customers/${gone.id}/erasure`, { confirmNumber: gone.number });
    expect([merged.statusCode, merged.json().code]).toEqual([409, 'customer_merged']);
    const stranger = await login(app, (await buildTeam()).admin);
    expect((await stranger.get(`/api/v1/privacy-jobs/${job.id}`)).statusCode).toBe(404);
    expect(
      (await stranger.post(`/api/v1/customers/${keep.id}/erasure`, { confirmNumber: keep.number }))
        .statusCode,
    ).toBe(404);
  });
});
