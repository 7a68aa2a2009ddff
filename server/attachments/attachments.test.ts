import { login, uploadFile } from '@server/test/client';
import { buildTestApp } from '@server/test/context';
import { buildTeam, buildTicket } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);

describe('attachments', () => {
  it('uploads a screenshot, sends it with a reply, and serves it only inside the workspace', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const ticket = await buildTicket(team.agent);
    const agent = await login(app, team.agent);

    const uploaded = await uploadFile(agent, ticket.id, '破损照片.png', PNG);
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json()).toMatchObject({
      filename: '破损照片.png',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      messageId: null,
    });

    const reply = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '收到照片，已登记',
      attachmentIds: [uploaded.json().id],
    });
    expect(reply.json().attachments).toEqual([expect.objectContaining({ id: uploaded.json().id })]);
    const reused = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'note',
      body: 'x',
      attachmentIds: [uploaded.json().id],
    });
    expect([reused.statusCode, reused.json().code]).toEqual([422, 'unknown_attachment']);

    const download = await agent.get(uploaded.json().url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('破损照片.png'));

    expect((await agent.delete(uploaded.json().url)).json().code).toBe('attachment_sent');
    const unsent = await uploadFile(agent, ticket.id, 'wrong-file.png', PNG);
    expect((await agent.delete(unsent.json().url)).statusCode).toBe(204);
    expect((await agent.get(unsent.json().url)).statusCode).toBe(404);

    const stranger = await login(app, (await buildTeam()).admin);
    expect((await stranger.get(uploaded.json().url)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: uploaded.json().url })).statusCode).toBe(401);
  });

  it('refuses a file whose content is not what its name says, and one over the size limit', async () => {
    const app = await buildTestApp({ attachmentMaxBytes: 1024 });
    const team = await buildTeam();
    const ticket = await buildTicket(team.agent);
    const agent = await login(app, team.agent);

    const disguised = await uploadFile(
      agent,
      ticket.id,
      'invoice.pdf',
      Buffer.from('MZ\x90\x00 this is an executable'),
    );
    expect([disguised.statusCode, disguised.json().code]).toEqual([415, 'unsupported_file_type']);
    const script = await uploadFile(agent, ticket.id, 'run.exe', PNG);
    expect(script.statusCode).toBe(415);
    const huge = await uploadFile(agent, ticket.id, 'big.png', Buffer.concat([PNG, Buffer.alloc(2048)]));
    expect([huge.statusCode, huge.json().code]).toEqual([413, 'file_too_large']);
    expect((await agent.get(`/api/v1/tickets/${ticket.id}`)).json().attachments).toEqual([]);
  });
});
