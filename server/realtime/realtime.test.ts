import { buyerMessage, createApiChannel, postSigned } from '@server/test/channels';
import { login } from '@server/test/client';
import { buildTestApp } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { connectRealtime } from '@server/test/realtime-client';
import { describe, expect, it } from 'vitest';

async function listeningApp() {
  const app = await buildTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

describe('realtime push to the agent app', () => {
  it('pushes new tickets and messages, and a reconnect with `since` gets exactly what was missed', async () => {
    const { app, baseUrl } = await listeningApp();
    const team = await buildTeam();
    const channel = await createApiChannel(await login(app, team.admin));
    const agent = await login(app, team.agent);

    const live = await connectRealtime(baseUrl, agent.session());
    await live.until((frames) => frames.some((f) => f.type === 'hello'));
    const start = live.frames[0]?.seq as number;
    const first = (await postSigned(app, channel, buyerMessage({ externalId: 'rt-1' }))).json();
    await live.until(() => live.events().some((e) => e.messageId === first.messageId));
    expect(live.events().map((e) => [e.seq, e.kind, e.ticketId])).toEqual([
      [start + 1, 'ticket.created', first.ticketId],
      [start + 2, 'message.created', first.ticketId],
    ]);
    const lastSeen = start + 2;
    await live.close();

    // Away: five customer messages and an agent reply happen meanwhile.
    const missed: string[] = [];
    for (let i = 0; i < 5; i++) {
      missed.push(
        (await postSigned(app, channel, buyerMessage({ externalId: `rt-missed-${i}` }))).json().messageId,
      );
    }
    const replied = await agent.post(`/api/v1/tickets/${first.ticketId}/messages`, {
      direction: 'outbound',
      body: '您好，马上为您查询',
    });
    missed.push(replied.json().id);

    const back = await connectRealtime(baseUrl, agent.session(), lastSeen);
    await back.until((frames) => frames.some((f) => f.type === 'hello'));
    const replayed = back.events();
    expect(replayed.map((e) => e.seq)).toEqual(replayed.map((_, i) => lastSeen + 1 + i));
    expect(replayed.filter((e) => e.kind === 'message.created').map((e) => e.messageId)).toEqual(missed);
    expect(back.frames.at(-1)).toMatchObject({ type: 'hello', seq: replayed.at(-1)?.seq });

    // Live again, with no repeat of what was replayed.
    const after = (await postSigned(app, channel, buyerMessage({ externalId: 'rt-after' }))).json();
    await back.until(() => back.events().some((e) => e.messageId === after.messageId));
    const seqs = back.events().map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(seqs.map((_, i) => lastSeen + 1 + i));
    await back.close();
  });

  it("never sends one workspace's events to another, refuses anonymous sockets, and resets a client from another timeline", async () => {
    const { app, baseUrl } = await listeningApp();
    const ours = await buildTeam();
    const theirs = await buildTeam();
    const channel = await createApiChannel(await login(app, ours.admin));
    const outsider = await connectRealtime(baseUrl, (await login(app, theirs.agent)).session());
    const insider = await connectRealtime(baseUrl, (await login(app, ours.agent)).session());
    const posted = (await postSigned(app, channel, buyerMessage())).json();
    await insider.until(() => insider.events().some((e) => e.messageId === posted.messageId));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outsider.events()).toEqual([]);

    await expect(connectRealtime(baseUrl, 'not-a-session')).rejects.toThrow(/401/);
    const ahead = await connectRealtime(baseUrl, (await login(app, theirs.agent)).session(), 10_000_000);
    await ahead.until((frames) => frames.length >= 2);
    expect(ahead.frames.map((f) => f.type)).toEqual(['reset', 'hello']);
    await Promise.all([outsider.close(), insider.close(), ahead.close()]);
  });
});
