/**
 * The customer self-service lookup (`/lookup/<workspace>` in the app): public routes, no login. Guessing is
 * held back twice: a per-address request limit on the routes, and failure counters per ticket number and
 * address (attempts.ts).
 */
import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { HttpProblem } from '@server/http/problem';
import { z } from 'zod';
import { addLookupReply } from './add-lookup-reply';
import { currentTicket, lookUpTicket, resolveLookupWorkspace } from './lookup-ticket';
import { lookupTokenOf, verifyLookupToken } from './lookup-token';
import { presentPublicTicket } from './presenter';
import {
  deskQuery,
  deskSchema,
  lookupBody,
  lookupResultSchema,
  publicTicketSchema,
  replyBody,
} from './schema';

const tags = ['ticket lookup'];
const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema, 429: problemSchema };
const lookupAuthorization = z.object({
  /** `Lookup <token>` from the lookup's answer. */
  authorization: z.string().optional(),
});

export function registerTicketLookupRoutes(
  api: Api,
  { db, vault, realtime, serviceLevels, loginAttemptsPerMinute }: RouteDeps,
): void {
  // Each try is a guess at a short secret, like a login: the same per-address budget applies.
  const rateLimit = { max: loginAttemptsPerMinute, timeWindow: '1 minute' };
  const grantOf = async (authorization: string | undefined, bodyToken?: string) =>
    verifyLookupToken(db, vault.keyring, lookupTokenOf(authorization, bodyToken));
  const grantedTicket = async (grant: { workspaceId: string; ticketId: string }) => {
    const ticket = await currentTicket(db, grant.workspaceId, { id: grant.ticketId });
    if (!ticket) throw new HttpProblem(404, 'lookup_not_found', 'This ticket is no longer available');
    return ticket;
  };

  api.get('/public/ticket-lookup/desk', {
    schema: {
      tags,
      summary: 'Which service desk a lookup page belongs to (its name), by slug or the only workspace',
      querystring: deskQuery,
      security: [],
      response: { 200: deskSchema, ...errors },
    },
    handler: async (request) => {
      const workspace = await resolveLookupWorkspace(db, request.query.workspace);
      if (!workspace) throw new HttpProblem(404, 'lookup_desk_not_found', 'No service desk at this address');
      return { workspace: workspace.slug, name: workspace.name };
    },
  });

  api.post('/public/ticket-lookup', {
    schema: {
      tags,
      summary: 'Look a ticket up by its number and the last four digits of the phone or the e-mail on it',
      body: lookupBody,
      security: [],
      response: { 200: lookupResultSchema, 422: problemSchema, ...errors },
    },
    config: { rateLimit },
    handler: async (request) =>
      lookUpTicket(db, {
        vault,
        workspaceSlug: request.body.workspace,
        number: request.body.number,
        factor: request.body.factor,
        ip: request.ip,
      }),
  });

  api.get('/public/ticket-lookup/ticket', {
    schema: {
      tags,
      summary: 'The looked-up ticket again (send `Authorization: Lookup <token>`)',
      headers: lookupAuthorization,
      security: [],
      response: { 200: publicTicketSchema, ...errors },
    },
    handler: async (request) => {
      const grant = await grantOf(request.headers.authorization);
      return presentPublicTicket(db, await grantedTicket(grant));
    },
  });

  api.post('/public/ticket-lookup/replies', {
    schema: {
      tags,
      summary: 'Write to the looked-up ticket as its customer; answers with the ticket',
      headers: lookupAuthorization,
      body: replyBody,
      security: [],
      response: { 201: publicTicketSchema, 409: problemSchema, ...errors },
    },
    config: { rateLimit },
    handler: async (request, reply) => {
      const grant = await grantOf(request.headers.authorization, request.body.token);
      // A ticket merged since the lookup takes the reply on the ticket it went into.
      const ticket = await grantedTicket(grant);
      await addLookupReply(db, {
        ticket: { workspaceId: grant.workspaceId, ticketId: ticket.id },
        text: request.body.text,
        vault,
        sla: serviceLevels.deps.tracker,
      });
      realtime.poke(grant.workspaceId);
      return reply
        .status(201)
        .send(await presentPublicTicket(db, await grantedTicket({ ...grant, ticketId: ticket.id })));
    },
  });
}
