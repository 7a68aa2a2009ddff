import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { notFound } from '@server/http/problem';
import { presentTickets, ticketsWithRefs } from '@server/tickets/repo';
import { ticketSchema } from '@server/tickets/schema';
import { z } from 'zod';
import { findCustomers } from './find-customers';
import { presentCustomer } from './presenter';
import { loadCustomer } from './repo';
import {
  createCustomerBody,
  customerSchema,
  listCustomersQuery,
  mergeCustomersBody,
  updateCustomerBody,
} from './schema';
import { createCustomer, mergeCustomers, updateCustomer } from './service';

const tags = ['customers'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export function registerCustomerRoutes(api: Api, { db, guards, vault }: RouteDeps): void {
  api.get('/customers', {
    schema: {
      tags,
      summary: 'Find customers by text, identity, order number, or phone last four + name',
      querystring: listCustomersQuery,
      response: { 200: z.object({ items: z.array(customerSchema) }), ...errors },
    },
    preHandler: guards.authorize('customers', 'read'),
    handler: async (request) => {
      const { limit, ...lookup } = request.query;
      const customers = await findCustomers(db, {
        workspaceId: principalOf(request).workspaceId,
        lookup: { ...lookup, limit },
        vault,
      });
      return { items: customers.map(presentCustomer) };
    },
  });

  api.post('/customers', {
    schema: {
      tags,
      summary: 'Create a customer with channel identities',
      body: createCustomerBody,
      response: { 201: customerSchema, 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('customers', 'create'),
    handler: async (request, reply) => {
      const { identities, ...fields } = request.body;
      const customer = await createCustomer(db, {
        workspaceId: principalOf(request).workspaceId,
        fields,
        identities,
        vault,
      });
      return reply.status(201).send(presentCustomer(customer));
    },
  });

  api.get('/customers/:id', {
    schema: {
      tags,
      summary: 'A customer with identities and every ticket across channels',
      params: idParams,
      response: { 200: customerSchema.extend({ tickets: z.array(ticketSchema) }), ...errors },
    },
    preHandler: guards.authorize('customers', 'read'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      const customer = await loadCustomer(db, { workspaceId, customerId: request.params.id });
      if (!customer) throw notFound('Customer');
      const ticketRows = await ticketsWithRefs(db, workspaceId)
        .where('tickets.customer_id', '=', customer.id)
        .orderBy('tickets.created_at', 'desc')
        .limit(200)
        .execute();
      return { ...presentCustomer(customer), tickets: await presentTickets(db, workspaceId, ticketRows) };
    },
  });

  api.patch('/customers/:id', {
    schema: {
      tags,
      summary: 'Change a customer profile or add identities',
      params: idParams,
      body: updateCustomerBody,
      response: { 200: customerSchema, 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('customers', 'update'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      const customer = await updateCustomer(db, {
        workspaceId,
        customerId: request.params.id,
        changes: request.body,
        vault,
      });
      return presentCustomer(customer);
    },
  });

  api.post('/customers/:id/merge', {
    schema: {
      tags,
      summary: 'Merge a duplicate customer into this one',
      params: idParams,
      body: mergeCustomersBody,
      response: { 200: customerSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('customers', 'merge'),
    handler: async (request) => {
      const actor = principalOf(request);
      await db.transaction().execute((tx) =>
        mergeCustomers(tx, {
          actor,
          ip: request.ip,
          targetCustomerId: request.params.id,
          sourceCustomerId: request.body.sourceCustomerId,
        }),
      );
      const customer = await loadCustomer(db, {
        workspaceId: actor.workspaceId,
        customerId: request.params.id,
      });
      if (!customer) throw notFound('Customer');
      return presentCustomer(customer);
    },
  });
}
