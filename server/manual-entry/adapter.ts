/**
 * The channel of requests registered by hand: received in a store, at an exhibition, by letter, on a visit or on a
 * phone without a CTI. Nothing arrives over the wire (the form posts to /api/v1/manual-entries), and nothing can go
 * back: Kefu has no line to someone who walked into a store.
 *
 * What a support team expects of a reply on such a ticket decides send(). Marking it sent would tell the team the
 * customer has read it when nobody told them; dropping it silently would leave it "pending" for ever. So automatic
 * messages (the acceptance notice, rule messages) are not written at all (deliversReplies: false, see
 * routing/auto-messages.ts): nobody asked for them. An agent's reply is different: the agent meant the customer to
 * get it. It stays on the ticket as the record of what to tell them, and fails at once, permanently, with
 * `no_channel`, which the ticket shows beside it: call them, write, or tell them in the store.
 */
import type { ChannelAdapter } from '@server/channels/adapter';
import { HttpProblem } from '@server/http/problem';

export const MANUAL_KIND = 'manual';

export const manualAdapter: ChannelAdapter = {
  kind: MANUAL_KIND,
  deliversReplies: false,
  receive() {
    throw new HttpProblem(
      404,
      'unknown_channel',
      'Requests registered by hand arrive through /manual-entries',
    );
  },
  async send() {
    return {
      ok: false,
      code: 'no_channel',
      message:
        'This request was registered by hand: Kefu cannot deliver to the customer. Tell them by phone, in writing or in person.',
      permanent: true,
    };
  },
};
