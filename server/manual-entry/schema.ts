import { phoneNumber } from '@server/calls/schema';
import { isoTimestamp } from '@server/http/common-schema';
import type { TicketChannel } from '@shared/tickets';
import { z } from 'zod';

/** Where a request registered by hand was received: 门店, 展会, 电话, 信函, 上门, 其他. */
export const MANUAL_SOURCES = ['store', 'exhibition', 'phone', 'letter', 'visit', 'other'] as const;
export type ManualSource = (typeof MANUAL_SOURCES)[number];

/** The ticket channel each source opens tickets on; sources without a channel of their own are `other`. */
export const SOURCE_CHANNEL: Record<ManualSource, TicketChannel> = {
  store: 'store',
  exhibition: 'other',
  phone: 'phone',
  letter: 'other',
  visit: 'other',
  other: 'other',
};

// The form's clock and the server's may disagree by a little; a request is never received in the future.
const CLOCK_SKEW_MS = 5 * 60_000;

export const registerRequestBody = z
  .object({
    /** Made by the form once; a repeated submit with the same key is answered with the first registration. */
    idempotencyKey: z.string().trim().min(8).max(200),
    source: z.enum(MANUAL_SOURCES),
    /** Which store, exhibition or office: 北京朝阳大悦城店. Shown on the ticket's timeline. */
    sourceDetail: z.string().trim().max(200).optional(),
    /** Who made the request, as far as they told; a known phone number or e-mail finds the existing customer. */
    customer: z
      .object({
        name: z.string().trim().max(100).optional(),
        /** Any usual form: 138 0013 8000, 010-12345678, +86 10 1234 5678. */
        phone: phoneNumber.optional(),
        email: z.email('An e-mail address').max(254).optional(),
      })
      .default({}),
    /** The request in the customer's words, as the agent took it down; masked like any customer message. */
    text: z.string().trim().min(1).max(20_000),
    /** The order it is about; added to the text, where routing and search read it. */
    orderNumber: z.string().trim().min(4).max(64).optional(),
    /** When the request was received (the ticket's 受理时间); now by default. */
    receivedAt: isoTimestamp.optional(),
  })
  .superRefine((entry, context) => {
    if (entry.source === 'phone' && !entry.customer.phone) {
      context.addIssue({
        code: 'custom',
        path: ['customer', 'phone'],
        message: 'A request taken by phone needs the caller’s number',
      });
    }
    if (entry.receivedAt && Date.parse(entry.receivedAt) > Date.now() + CLOCK_SKEW_MS) {
      context.addIssue({ code: 'custom', path: ['receivedAt'], message: 'Not in the future' });
    }
  });
export type RegisterRequestBody = z.infer<typeof registerRequestBody>;

export const registeredRequestSchema = z.object({
  /** `duplicate`: this idempotency key was registered before; the ids are the first registration's. */
  status: z.enum(['accepted', 'duplicate']),
  ticketId: z.uuid(),
  /** Tell it to the customer (seed 001: 20231027001). */
  ticketNumber: z.string(),
  customerId: z.uuid().nullable(),
  messageId: z.uuid(),
});
export type RegisteredRequest = z.infer<typeof registeredRequestSchema>;
