import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { z } from 'zod';
import { dismissMergeSuggestion, listMergeSuggestions } from './merge-suggestions';
import { mergeSuggestionListSchema, suggestionParams } from './schema';

const tags = ['tickets'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Suggested merges of duplicates across channels, on the newer ticket's page; merging is `POST /tickets/{id}/merge`. */
export function registerMergeSuggestionRoutes(api: Api, { db, guards }: RouteDeps): void {
  api.get('/tickets/:id/merge-suggestions', {
    schema: {
      tags,
      summary: 'Open tickets this one probably repeats (same customer or order, similar words), best first',
      params: idParams,
      response: { 200: mergeSuggestionListSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      return { items: await listMergeSuggestions(db, { workspaceId, ticketId: request.params.id }) };
    },
  });

  api.post('/tickets/:id/merge-suggestions/:candidateId/dismiss', {
    schema: {
      tags,
      summary: 'Not the same request: stop suggesting this merge',
      params: suggestionParams,
      response: { 204: z.null(), ...errors },
    },
    preHandler: guards.authorize('tickets', 'merge'),
    handler: async (request, reply) => {
      const { workspaceId, userId } = principalOf(request);
      await dismissMergeSuggestion(db, {
        workspaceId,
        actorUserId: userId,
        ticketId: request.params.id,
        candidateId: request.params.candidateId,
      });
      return reply.code(204).send(null);
    },
  });
}
