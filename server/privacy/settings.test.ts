import { login } from '@server/test/client';
import { buildTestApp } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

describe('privacy settings', () => {
  it('lets an admin choose the masked kinds and their masks, which intake then applies', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const [admin, agent] = await Promise.all([login(app, team.admin), login(app, team.agent)]);

    const defaults = await admin.get('/api/v1/privacy/settings');
    expect(defaults.json()).toMatchObject({
      retentionMonths: null,
      examples: { id_card: '110105********002X', mobile: '138****5678', bank_card: '6228 **** **** 0018' },
    });
    expect(defaults.json().maskedKinds).toContain('email');

    const changed = await admin.request('PUT', '/api/v1/privacy/settings', {
      maskedKinds: ['id_card', 'mobile', 'bank_card'],
      maskFormats: { mobile: '尾号{last:4}' },
      retentionMonths: 24,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ retentionMonths: 24, examples: { mobile: '尾号5678' } });

    const ticket = await agent.post('/api/v1/tickets', {
      subject: '联系方式变更',
      description: '新手机 13912345678，邮箱 kefu.test@example.com',
      channel: 'web_chat',
    });
    expect(ticket.json().description).toBe('新手机 尾号5678，邮箱 kefu.test@example.com');

    // An edit form sends back the mask it showed, even one without asterisks: the phone stays as it was.
    const customer = (await agent.post('/api/v1/customers', { name: '钱先生', phone: '13912340001' })).json();
    expect(customer.phone).toBe('尾号0001');
    const edited = await agent.patch(`/api/v1/customers/${customer.id}`, {
      name: '钱先生',
      phone: '尾号0001',
    });
    expect(edited.statusCode).toBe(200);
    const found = await agent.get('/api/v1/customers?q=13912340001');
    expect(found.json().items.map((c: { id: string }) => c.id)).toEqual([customer.id]);

    const audit = await admin.get('/api/v1/audit-events?action=privacy.settings_changed');
    expect(audit.json().items[0]).toMatchObject({
      actor: { id: team.admin.id },
      detail: { after: { retentionMonths: 24, maskFormats: { mobile: '尾号{last:4}' } } },
    });
  });

  it('refuses a mask that would show the value, and keeps the agents out', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const [admin, agent] = await Promise.all([login(app, team.admin), login(app, team.agent)]);
    const revealing = await admin.request('PUT', '/api/v1/privacy/settings', {
      maskFormats: { id_card: '{first:18}' },
    });
    expect(revealing.statusCode).toBe(422);
    expect(revealing.json().errors).toEqual([expect.objectContaining({ path: '/maskFormats/id_card' })]);
    expect((await admin.get('/api/v1/privacy/settings')).json().maskFormats).toEqual({});
    expect((await agent.get('/api/v1/privacy/settings')).statusCode).toBe(403);
  });
});
