import { isoTimestamp } from '@server/http/common-schema';
import { personalDataSpanSchema } from '@server/privacy/schema';
import { z } from 'zod';

export const identitySchema = z.object({
  /** wechat (openid), wecom (external_userid), taobao/jd/pinduoduo (buyer id), whatsapp (wa_id), email, phone… */
  channel: z.string().trim().min(1).max(32),
  externalId: z.string().trim().min(1).max(200),
});

export const customerSchema = z.object({
  id: z.uuid(),
  /** CUS + date + daily serial (seed 003: CUS20240501001). */
  number: z.string(),
  name: z.string(),
  nickname: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  company: z.string(),
  /** Segments such as 高价值 / 沉默 / 新客. */
  tags: z.array(z.string()),
  attributes: z.record(z.string(), z.string()),
  notes: z.string(),
  /** Where personal data was masked in phone, email, nickname, company, notes and attributes. */
  personalData: z.array(personalDataSpanSchema),
  /** Channel ids that are personal data (phone, e-mail) are shown masked; `personalDataId` reveals one. */
  identities: z.array(identitySchema.extend({ id: z.uuid(), personalDataId: z.uuid().nullable() })),
  /** When the customer's personal data was erased (PIPL Art 47). */
  erasedAt: isoTimestamp.nullable(),
  /** Set when this record was merged into another; follow it. */
  mergedInto: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type CustomerJson = z.infer<typeof customerSchema>;

const tags = z.array(z.string().trim().min(1).max(30)).max(20);
const attributes = z.record(z.string().max(50), z.string().max(500));

export const createCustomerBody = z.object({
  name: z.string().trim().max(100).default(''),
  nickname: z.string().trim().max(100).default(''),
  phone: z.string().trim().min(3).max(30).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  company: z.string().trim().max(200).default(''),
  tags: tags.default([]),
  attributes: attributes.default({}),
  notes: z.string().max(5000).default(''),
  identities: z.array(identitySchema).max(20).default([]),
});

export const updateCustomerBody = z
  .object({
    name: z.string().trim().max(100),
    nickname: z.string().trim().max(100),
    phone: z.string().trim().min(3).max(30).nullable(),
    /** A full address, or the masked form the profile shows (unchanged). */
    email: z
      .union([z.email(), z.string().regex(/^[^@\s]*\*[^@\s]*@\S+$/)])
      .pipe(z.string().max(254))
      .nullable(),
    company: z.string().trim().max(200),
    tags,
    attributes,
    notes: z.string().max(5000),
    /** Identities to add; existing ones stay. */
    addIdentities: z.array(identitySchema).max(20),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change');

export const listCustomersQuery = z.object({
  /** A name, nickname, phone, e-mail, customer number or company; or an order number on one of their tickets. */
  q: z.string().trim().max(100).optional(),
  /** Identity check (seed 000/002): the last four digits of the phone, together with `name`. */
  phoneLast4: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  name: z.string().trim().max(100).optional(),
  channel: z.string().max(32).optional(),
  externalId: z.string().max(200).optional(),
  tag: z.string().max(30).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const mergeCustomersBody = z.object({
  /** The duplicate record; its identities, tickets and history move to the customer in the path. */
  sourceCustomerId: z.uuid(),
});
