import type { Customer } from '@app/api/types';
import { ChannelIcon } from '@app/tickets/channel-icon';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { Flex, Tag, Tooltip } from 'antd';

/** The channels a customer is known on, each with their id there on hover. */
export function IdentityTags({ identities }: { identities: Customer['identities'] }) {
  const labels = useTicketLabels();
  return (
    <Flex gap={4} wrap>
      {identities.map((identity) => (
        <Tooltip key={identity.id} title={identity.externalId}>
          <Tag icon={<ChannelIcon channel={identity.channel} />} variant="filled">
            {labels.channel(identity.channel)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
