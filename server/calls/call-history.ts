/**
 * What the agent sees of a caller while the phone rings: the customer behind the number, their open and recent
 * tickets and their last calls. Everything is read as stored, masked; numbers never leave as typed.
 */
import { findCustomerByPhone, phoneLookup } from '@server/customers/find-by-phone';
import { phoneKind } from '@server/customers/personal-fields';
import type { Database } from '@server/db/schema';
import { applyMask } from '@server/privacy/masks';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { Kysely } from 'kysely';
import type { CallerJson, CallJson, TicketSummaryJson } from './schema';

const CLOSED_STATUSES = ['resolved', 'closed'] as const;
const OPEN_TICKETS_SHOWN = 10;
const RECENT_TICKETS_SHOWN = 5;
const RECENT_CALLS_SHOWN = 10;

/** Recent calls, newest first, of a customer and/or on a ticket (neither: the workspace's). */
export async function listCalls(
  db: Kysely<Database>,
  options: { workspaceId: string; customerId?: string; ticketId?: string; limit: number },
): Promise<CallJson[]> {
  const { workspaceId } = options;
  let query = db
    .selectFrom('call_records as c')
    .innerJoin('tickets as t', (join) =>
      join.onRef('t.id', '=', 'c.ticket_id').onRef('t.workspace_id', '=', 'c.workspace_id'),
    )
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'c.agent_user_id').onRef('u.workspace_id', '=', 'c.workspace_id'),
    )
    .select([
      'c.id',
      'c.direction',
      'c.customer_number_masked',
      'c.line',
      'c.started_at',
      'c.answered_after_seconds',
      'c.duration_seconds',
      'c.recording_url',
      'c.notes',
      'c.customer_id',
      't.id as ticket_id',
      't.number as ticket_number',
      't.subject as ticket_subject',
      'u.id as agent_id',
      'u.name as agent_name',
      'u.employee_no as agent_employee_no',
    ])
    .where('c.workspace_id', '=', workspaceId);
  if (options.customerId) query = query.where('c.customer_id', '=', options.customerId);
  if (options.ticketId) query = query.where('c.ticket_id', '=', options.ticketId);
  const rows = await query
    .orderBy('c.started_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    direction: row.direction,
    customerNumber: row.customer_number_masked,
    line: row.line,
    startedAt: row.started_at.toISOString(),
    answeredAfterSeconds: row.answered_after_seconds,
    durationSeconds: row.duration_seconds,
    missed: row.answered_after_seconds === null,
    recordingUrl: row.recording_url,
    agent: row.agent_id
      ? { id: row.agent_id, name: row.agent_name ?? '', employeeNo: row.agent_employee_no ?? null }
      : null,
    notes: row.notes,
    ticket: { id: row.ticket_id, number: row.ticket_number, subject: row.ticket_subject },
    customerId: row.customer_id,
  }));
}

/** The customer a typed number belongs to, with their tickets and calls; an unknown number has none. */
export async function lookUpCaller(
  db: Kysely<Database>,
  options: { workspaceId: string; vault: PersonalDataVault; phone: string },
): Promise<CallerJson> {
  const { workspaceId, vault } = options;
  const { number, hash } = await phoneLookup(vault, workspaceId, options.phone);
  const rules = await vault.rules(workspaceId);
  const kind = phoneKind(number);
  const masked = applyMask({ kind, start: 0, end: number.length, text: number }, rules.formats[kind]);
  const customerId = await findCustomerByPhone(db, { workspaceId, vault, number, numberHash: hash });
  if (!customerId)
    return { number: masked, customer: null, openTickets: [], recentTickets: [], recentCalls: [] };

  const [customer, openTickets, recentTickets, recentCalls] = await Promise.all([
    db
      .selectFrom('customers')
      .select(['id', 'number', 'name', 'nickname', 'phone', 'tier'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow(),
    customerTickets(db, { workspaceId, customerId, open: true, limit: OPEN_TICKETS_SHOWN }),
    customerTickets(db, { workspaceId, customerId, open: false, limit: RECENT_TICKETS_SHOWN }),
    listCalls(db, { workspaceId, customerId, limit: RECENT_CALLS_SHOWN }),
  ]);
  return {
    number: masked,
    customer: {
      id: customer.id,
      number: customer.number,
      name: customer.name || customer.nickname,
      phone: customer.phone,
      tier: customer.tier,
    },
    openTickets,
    recentTickets,
    recentCalls,
  };
}

async function customerTickets(
  db: Kysely<Database>,
  options: { workspaceId: string; customerId: string; open: boolean; limit: number },
): Promise<TicketSummaryJson[]> {
  const { workspaceId, customerId } = options;
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'number', 'subject', 'status', 'channel', 'priority', 'received_at', 'last_activity_at'])
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    // A merged ticket lives on in the one it went into.
    .where('merged_into_id', 'is', null)
    .where('status', options.open ? 'not in' : 'in', CLOSED_STATUSES)
    .orderBy('last_activity_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    channel: row.channel,
    priority: row.priority,
    receivedAt: row.received_at.toISOString(),
    lastActivityAt: row.last_activity_at.toISOString(),
  }));
}
