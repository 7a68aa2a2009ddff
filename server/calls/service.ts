/**
 * Call records from a CTI/PBX: the customer is recognised by their number however the switch writes it, the call
 * lands on the ticket it is about (the one named, the customer's newest open one, or a new phone ticket), and shows
 * on that ticket's timeline, with the agent's notes as a logged message.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '@server/auth/principal';
import { findCustomerByPhone } from '@server/customers/find-by-phone';
import { phoneKind } from '@server/customers/personal-fields';
import { createCustomer } from '@server/customers/service';
import type { CallDirection } from '@server/db/call-tables';
import type { Database } from '@server/db/schema';
import { conflict, notFound, unprocessable } from '@server/http/problem';
import { applyMask } from '@server/privacy/masks';
import { canonicalPhone } from '@server/privacy/normalize-phone';
import type { MaskingRules } from '@server/privacy/spans';
import type { PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime } from '@server/realtime/publish';
import type { TicketRouter } from '@server/routing/route-tickets';
import type { SlaTracker } from '@server/sla/tracker';
import { createTicket } from '@server/tickets/create-ticket';
import { recordTicketEvent } from '@server/tickets/events';
import { lockTicket } from '@server/tickets/repo';
import { storeTicketMessage } from '@server/tickets/store-message';
import { assertNotMerged } from '@server/tickets/update-ticket';
import { type Kysely, sql } from 'kysely';
import type { LogCallBody, LoggedCall } from './schema';

const SUBJECT_PREFIX: Record<CallDirection, string> = { inbound: '来电', outbound: '去电' };

interface CallAgent {
  id: string;
  role: Principal['role'];
  employeeNo: string | null;
}

interface LogCallOptions {
  actor: Principal;
  call: LogCallBody;
  vault: PersonalDataVault;
  sla: SlaTracker;
  routing?: TicketRouter;
}

// A concurrent delivery of the same call committed first: this one's transaction is undone and answered as a repeat.
class Redelivered extends Error {}

/**
 * Records one call on its customer's ticket; a call whose externalId was recorded before is answered with the first
 * record's ids and changes nothing.
 */
export async function logCall(db: Kysely<Database>, options: LogCallOptions): Promise<LoggedCall> {
  const { actor, call, vault } = options;
  const { workspaceId } = actor;
  const earlier = await recordedCall(db, workspaceId, call.externalId);
  if (earlier) return earlier;

  if (call.ticketId) await assertTicketExists(db, workspaceId, call.ticketId);
  const agent = await callAgent(db, workspaceId, call.agent);
  // Written one way whatever the switch sent, so that subjects and masks read alike (138****5678, 010******78).
  const customerNumber = canonicalPhone(customerSide(call));
  const lineNumber = call.direction === 'inbound' ? call.callee : call.caller;
  const line = lineNumber ? canonicalPhone(lineNumber) : null;
  const rules = await vault.rules(workspaceId);
  const numberHash = await vault.lookupHash(workspaceId, phoneKind(customerNumber), customerNumber);
  const maskedNumber = maskNumber(customerNumber, rules);
  const customerId =
    (await findCustomerByPhone(db, { workspaceId, vault, numberHash, number: customerNumber })) ??
    (await newPhoneCustomer(db, { workspaceId, vault, number: customerNumber }));
  const ticketId =
    call.ticketId ??
    (call.openNewTicket ? null : await newestOpenTicket(db, workspaceId, customerId)) ??
    (await openPhoneTicket(db, options, {
      customerId,
      subject: call.subject ?? callSubject(call, maskedNumber),
    }));
  // Masked before the transaction: sealing reads the workspace's keys, and transactions serialise on the embedded engine.
  const notes = call.notes ? await vault.maskFields(workspaceId, { body: call.notes }, rules) : null;

  const callId = randomUUID();
  try {
    await db.transaction().execute(async (tx) => {
      const ticket = await lockTicket(tx, { workspaceId, ticketId });
      assertNotMerged(ticket);
      const notesDirection = call.direction === 'inbound' ? 'inbound' : 'note';
      if (notes && notesDirection === 'inbound' && ticket.status === 'closed')
        throw conflict(
          'ticket_closed',
          'This ticket is closed (已闭环); log the call without ticketId to open a new one',
        );
      const inserted = await tx
        .insertInto('call_records')
        .values({
          id: callId,
          workspace_id: workspaceId,
          external_id: call.externalId,
          direction: call.direction,
          customer_number_hash: numberHash,
          customer_number_masked: maskedNumber,
          line: line ? maskNumber(line, rules) : '',
          started_at: call.startedAt,
          answered_after_seconds: call.answeredAfterSeconds,
          duration_seconds: call.durationSeconds,
          recording_url: call.recordingUrl ?? null,
          agent_user_id: agent?.id ?? null,
          notes: notes?.text.body ?? '',
          ticket_id: ticketId,
          customer_id: customerId,
        })
        .onConflict((onConflict) => onConflict.columns(['workspace_id', 'external_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new Redelivered();
      await recordTicketEvent(tx, {
        workspaceId,
        ticketId,
        actorUserId: agent?.id ?? actor.userId,
        kind: 'call_logged',
        data: {
          callId,
          direction: call.direction,
          customerNumber: maskedNumber,
          startedAt: call.startedAt,
          answeredAfterSeconds: call.answeredAfterSeconds,
          durationSeconds: call.durationSeconds,
          missed: call.answeredAfterSeconds === null,
          recordingUrl: call.recordingUrl ?? null,
          agent: agent ? { userId: agent.id, employeeNo: agent.employeeNo } : null,
        },
      });
      if (notes) {
        // The notes are the customer's words taken down by the agent on an inbound call (a logged call, as agents
        // log one by hand), and the agent's own record of an outbound one.
        const message = await storeTicketMessage(tx, {
          author: agent ? { ...actor, userId: agent.id, role: agent.role } : actor,
          direction: notesDirection,
          ticket,
          channel: 'phone',
          masked: notes,
          via: 'call',
          vault,
          sla: options.sla,
        });
        await tx
          .updateTable('call_records')
          .set({ message_id: message.id })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', callId)
          .execute();
      } else {
        await tx
          .updateTable('tickets')
          .set({ last_activity_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', ticketId)
          .execute();
      }
      await publishRealtime(tx, workspaceId, [{ kind: 'ticket.updated', ticketId, data: { callId } }]);
    });
  } catch (error) {
    if (!(error instanceof Redelivered)) throw error;
    return (await recordedCall(db, workspaceId, call.externalId)) as LoggedCall;
  }
  const ticketNumber = await db
    .selectFrom('tickets')
    .select('number')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ticketId)
    .executeTakeFirstOrThrow();
  return { callId, ticketId, ticketNumber: ticketNumber.number, customerId, status: 'accepted' };
}

async function recordedCall(
  db: Kysely<Database>,
  workspaceId: string,
  externalId: string,
): Promise<LoggedCall | null> {
  const row = await db
    .selectFrom('call_records as c')
    .innerJoin('tickets as t', (join) =>
      join.onRef('t.id', '=', 'c.ticket_id').onRef('t.workspace_id', '=', 'c.workspace_id'),
    )
    .select(['c.id', 'c.ticket_id', 't.number', 'c.customer_id'])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.external_id', '=', externalId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    callId: row.id,
    ticketId: row.ticket_id,
    ticketNumber: row.number,
    customerId: row.customer_id,
    status: 'duplicate',
  };
}

async function assertTicketExists(
  db: Kysely<Database>,
  workspaceId: string,
  ticketId: string,
): Promise<void> {
  const row = await db
    .selectFrom('tickets')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ticketId)
    .executeTakeFirst();
  if (!row) throw notFound('Ticket');
}

/** The agent the CTI names, by employee number and/or user id; one it names that is not in the workspace is a 422. */
async function callAgent(
  db: Kysely<Database>,
  workspaceId: string,
  agent: LogCallBody['agent'],
): Promise<CallAgent | null> {
  if (!agent?.employeeNo && !agent?.userId) return null;
  let query = db
    .selectFrom('users')
    .select(['id', 'role', 'employee_no'])
    .where('workspace_id', '=', workspaceId);
  if (agent.userId) query = query.where('id', '=', agent.userId);
  if (agent.employeeNo) query = query.where('employee_no', '=', agent.employeeNo);
  const row = await query.executeTakeFirst();
  if (!row) {
    throw unprocessable('unknown_agent', 'No one in this workspace has this user id or employee number', [
      { path: `body/agent/${agent.userId ? 'userId' : 'employeeNo'}`, message: 'Unknown agent' },
    ]);
  }
  return { id: row.id, role: row.role, employeeNo: row.employee_no };
}

/** A customer known only by the number they called from or were called on, stored masked like any phone. */
async function newPhoneCustomer(
  db: Kysely<Database>,
  options: { workspaceId: string; vault: PersonalDataVault; number: string },
): Promise<string> {
  const fields = { name: '', nickname: '', company: '', tags: [], attributes: {}, notes: '' };
  const customer = await createCustomer(db, {
    workspaceId: options.workspaceId,
    fields: { ...fields, phone: options.number },
    identities: [],
    vault: options.vault,
  });
  return customer.id;
}

async function newestOpenTicket(
  db: Kysely<Database>,
  workspaceId: string,
  customerId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('tickets')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('merged_into_id', 'is', null)
    .where('status', 'not in', ['resolved', 'closed'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A new phone ticket, created like any other so that numbering, routing and SLA clocks apply. */
async function openPhoneTicket(
  db: Kysely<Database>,
  options: LogCallOptions,
  ticket: { customerId: string; subject: string },
): Promise<string> {
  const created = await createTicket(db, {
    actor: options.actor,
    ticket: {
      subject: ticket.subject,
      description: '',
      channel: 'phone',
      priority: 'normal',
      customerId: ticket.customerId,
      tags: [],
      customFields: {},
      needsCollaboration: false,
      collaborationDepartmentIds: [],
      receivedAt: options.call.startedAt,
    },
    vault: options.vault,
    sla: options.sla,
    routing: options.routing,
  });
  return created.id;
}

/** The customer's number: who called in, or who was called. */
const customerSide = (call: LogCallBody): string =>
  (call.direction === 'inbound' ? call.caller : call.callee) as string;

/** 来电 138****5678, 去电 010-******78, 未接来电 … for a missed inbound call (to call back). */
function callSubject(call: LogCallBody, maskedNumber: string): string {
  const missed = call.direction === 'inbound' && call.answeredAfterSeconds === null ? '未接' : '';
  return `${missed}${SUBJECT_PREFIX[call.direction]} ${maskedNumber}`;
}

function maskNumber(value: string, rules: MaskingRules): string {
  const kind = phoneKind(value);
  return applyMask({ kind, start: 0, end: value.length, text: value }, rules.formats[kind]);
}
