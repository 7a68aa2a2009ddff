import { presentSpan } from '@server/privacy/schema';
import type { CustomerWithIdentities } from './repo';
import type { CustomerJson } from './schema';

export function presentCustomer(customer: CustomerWithIdentities): CustomerJson {
  return {
    id: customer.id,
    number: customer.number,
    name: customer.name,
    nickname: customer.nickname,
    phone: customer.phone,
    email: customer.email,
    company: customer.company,
    tags: customer.tags,
    attributes: customer.attributes,
    notes: customer.notes,
    personalData: customer.personal_data.filter((span) => span.owner_id === customer.id).map(presentSpan),
    identities: customer.identities.map((identity) => ({
      id: identity.id,
      channel: identity.channel,
      externalId: identity.display,
      personalDataId: customer.personal_data.find((span) => span.owner_id === identity.id)?.id ?? null,
    })),
    erasedAt: customer.erased_at?.toISOString() ?? null,
    mergedInto:
      customer.merged_into_id && customer.merged_into_number
        ? { id: customer.merged_into_id, number: customer.merged_into_number }
        : null,
    createdAt: customer.created_at.toISOString(),
    updatedAt: customer.updated_at.toISOString(),
  };
}
