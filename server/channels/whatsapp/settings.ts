import { z } from 'zod';

const baseUrl = z.url({ protocol: /^https?$/ }).max(500);

/** WhatsApp Cloud API: the business phone number and account the replies go out from. */
export const whatsappSettings = z.object({
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^\d{5,30}$/, 'The phone number ID is digits'),
  businessAccountId: z
    .string()
    .trim()
    .regex(/^\d{5,30}$/, 'The WhatsApp Business Account ID is digits'),
  apiVersion: z
    .string()
    .trim()
    .regex(/^v\d+\.\d+$/)
    .default('v21.0'),
  /** https://graph.facebook.com; tests point it at a local fake. */
  apiBaseUrl: baseUrl.default('https://graph.facebook.com'),
});

export const whatsappCredentials = z.object({
  /** A system user's permanent access token. */
  accessToken: z.string().trim().min(1).max(1000),
  /** The Meta app's App Secret: X-Hub-Signature-256 is an HMAC with it. */
  appSecret: z.string().trim().min(1).max(200),
  /** Any string the admin also types into the webhook settings (hub.verify_token). */
  verifyToken: z.string().trim().min(8).max(200),
});
