import { login, postSignedHttp } from '@server/test/kefu-http';
import { type RunningKefu, startKefuProcess } from '@server/test/kefu-process';
import { PROCESS_ADMIN, processDatabase } from '@server/test/process-database';
import { connectRealtime } from '@server/test/realtime-client';
import { afterAll, describe, expect, inject, it } from 'vitest';

const engine = inject('database').engine;
// On PostgreSQL any app process may serve any agent; the embedded engine is one process by design.
const processCount = engine === 'postgres' ? 2 : 1;

describe(`realtime across ${processCount} app process(es) on ${engine}`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('shows an agent on process B each message accepted by process A once, and replays exactly the missed ones', async () => {
    const database = await processDatabase(inject('database'), inject('templateDir'));
    cleanups.push(database.cleanup);
    const processes: RunningKefu[] = [];
    for (let i = 0; i < processCount; i++) {
      const kefu = await startKefuProcess(database.env);
      processes.push(kefu);
      cleanups.push(() => kefu.stop());
    }
    const intakeNode = processes[0] as RunningKefu;
    const agentNode = processes.at(-1) as RunningKefu;
    const admin = await login(intakeNode.baseUrl, PROCESS_ADMIN);
    const created = (await (
      await admin.post('/api/v1/channel-accounts', {
        kind: 'api',
        platform: 'kuaishou',
        name: '快手小店桥接',
      })
    ).json()) as { account: { id: string }; signingSecret: string };
    const channel = { id: created.account.id, secret: created.signingSecret };

    const agent = await connectRealtime(agentNode.baseUrl, admin.session);
    await agent.until((frames) => frames.some((f) => f.type === 'hello'));
    const sentAt = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      const response = await postSignedHttp(intakeNode.baseUrl, channel, {
        externalId: `ks-${i}`,
        conversationId: `ks-conv-${i % 5}`,
        sender: { id: `ks-buyer-${i % 5}` },
        text: `消息 ${i}`,
      });
      expect(response.status).toBe(200);
      sentAt.set(((await response.json()) as { messageId: string }).messageId, started);
    }
    const messageEvents = () => agent.events().filter((e) => e.kind === 'message.created');
    await agent.until(() => messageEvents().length >= 100);
    expect(
      messageEvents()
        .map((e) => e.messageId)
        .sort(),
    ).toEqual([...sentAt.keys()].sort());
    const latencies = messageEvents()
      .map((e) => e.receivedAt - (sentAt.get(e.messageId as string) ?? 0))
      .sort((a, b) => a - b);
    // The bench measures the 100 ms target; here a loose bound only proves push (no polling interval involved).
    expect(latencies[Math.floor(latencies.length * 0.99)]).toBeLessThan(1500);
    const lastSeen = agent.events().at(-1)?.seq as number;
    await agent.close();

    const missed: string[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await postSignedHttp(intakeNode.baseUrl, channel, {
        externalId: `ks-missed-${i}`,
        conversationId: 'ks-conv-new',
        sender: { id: 'ks-buyer-new' },
        text: `断线期间的消息 ${i}`,
      });
      missed.push(((await response.json()) as { messageId: string }).messageId);
    }
    const back = await connectRealtime(agentNode.baseUrl, admin.session, lastSeen);
    await back.until((frames) => frames.some((f) => f.type === 'hello'));
    const replayed = back.events();
    expect(replayed.map((e) => e.seq)).toEqual(replayed.map((_, i) => lastSeen + 1 + i));
    expect(replayed.filter((e) => e.kind === 'message.created').map((e) => e.messageId)).toEqual(missed);
    expect(replayed.filter((e) => e.kind === 'ticket.created')).toHaveLength(1);
    await back.close();
  }, 90_000);
});
