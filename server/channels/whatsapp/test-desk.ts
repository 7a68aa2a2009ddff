/** A workspace with a WhatsApp account pointed at a fake Cloud API and a running outbox, for the WhatsApp tests. */
import type { App } from '@server/app';
import { FAST_OUTBOX } from '@server/test/channels';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import {
  type FakeTemplate,
  type FakeWhatsapp,
  startWhatsappServer,
} from '@server/test/fakes/whatsapp-server';
import { notification, postWebhook } from '@server/test/fakes/whatsapp-webhooks';
import { expect } from 'vitest';

export const APP_SECRET = 'whatsapp-app-secret-0123456789';
export const VERIFY_TOKEN = 'kefu-verify-token-42';
export const CUSTOMER = '8613812345678';
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]);

export interface WhatsappDesk {
  app: App;
  fake: FakeWhatsapp;
  accountId: string;
  admin: TestClient;
  agent: TestClient;
}

/** Creates the account through the admin route; what it starts is stopped by the test's `cleanups`. */
export async function whatsappDesk(options: {
  templates: FakeTemplate[];
  cleanups: (() => Promise<void>)[];
}): Promise<WhatsappDesk> {
  const fake = await startWhatsappServer({ templates: options.templates });
  options.cleanups.push(fake.close);
  const app = await buildTestApp({ outbox: FAST_OUTBOX });
  app.kefu.outbox.start();
  options.cleanups.push(() => app.kefu.outbox.stop());
  const team = await buildTeam();
  const admin = await login(app, team.admin);
  const created = await admin.post('/api/v1/channel-accounts', {
    kind: 'whatsapp',
    name: 'WhatsApp 海外客服',
    settings: {
      phoneNumberId: fake.phoneNumberId,
      businessAccountId: fake.businessAccountId,
      apiBaseUrl: fake.baseUrl,
    },
    credentials: { accessToken: fake.accessToken, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
  });
  expect(created.statusCode, created.body).toBe(201);
  return { app, fake, accountId: created.json().account.id, admin, agent: await login(app, team.agent) };
}

/** Posts a notification carrying `value`, signed with the account's App Secret as Meta signs it. */
export const sendNotification = (desk: WhatsappDesk, value: Parameters<typeof notification>[1]) =>
  postWebhook(desk.app, desk.accountId, APP_SECRET, notification(desk.fake, value));

export type ThreadMessage = {
  id: string;
  direction: string;
  body: string;
  deliveryStatus: string;
  attachments: { filename: string; contentType: string }[];
  delivery: {
    state: string;
    platformMessageId: string | null;
    error: { code: string; message: string } | null;
  } | null;
};

/** The ticket's messages as the agent sees them. */
export const thread = async (agent: TestClient, ticketId: string) =>
  (await agent.get(`/api/v1/tickets/${ticketId}`)).json().messages as ThreadMessage[];

/** How many inbound messages the account has stored (its dedupe receipts). */
export const storedMessages = async (accountId: string) =>
  Number(
    (
      await testDb()
        .selectFrom('inbound_receipts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('channel_account_id', '=', accountId)
        .executeTakeFirstOrThrow()
    ).n,
  );
