import { isoTimestamp } from '@server/http/common-schema';
import { ROLES } from '@shared/roles';
import { PRESENCE_STATES, ROUTING_STRATEGIES } from '@shared/routing';
import { z } from 'zod';

const skill = z.string().trim().min(1).max(50);
/** Skills are a set: duplicates are dropped, the order kept. */
const skills = z
  .array(skill)
  .max(50)
  .transform((list) => [...new Set(list)]);
const capacity = z.number().int().min(0).max(10_000).nullable();

export const presenceBody = z.object({
  /** online: takes tickets by rotation; away and offline: takes none (high-value customers still reach their CSM). */
  presence: z.enum(PRESENCE_STATES),
});

export const presenceSchema = z.object({
  /** The caller's presence now. */
  presence: z.enum(PRESENCE_STATES),
  /** When it last changed; null if it never did. */
  presenceChangedAt: isoTimestamp.nullable(),
});

export const routingMemberSchema = z.object({
  /** The user's id. */
  id: z.uuid(),
  /** Display name. */
  name: z.string(),
  /** 工号. */
  employeeNo: z.string().nullable(),
  /** Role in the workspace. */
  role: z.enum(ROLES),
  /** Online, away or offline. */
  presence: z.enum(PRESENCE_STATES),
  /** What they can handle; a team's required skills must all be among them. */
  skills: z.array(z.string()),
  /** Open tickets they take at most through automatic assignment; null: no limit. */
  maxOpenTickets: z.number().int().nullable(),
  /** Live chats at once; null: no limit. */
  maxConcurrentChats: z.number().int().nullable(),
  /** Tickets assigned to them and not yet resolved, closed or merged away. */
  openTickets: z.number().int(),
  /** The open tickets among those that are live chats. */
  openChats: z.number().int(),
});
export type RoutingMemberJson = z.infer<typeof routingMemberSchema>;

export const routingTeamSchema = z.object({
  /** The department's id. */
  id: z.uuid(),
  /** The department's name. */
  name: z.string(),
  /** How the team hands out tickets: round_robin, least_loaded or manual (nobody automatically). */
  strategy: z.enum(ROUTING_STRATEGIES),
  /** A repeat customer goes back to their previous owner when that person is in the team and available. */
  stickyOwner: z.boolean(),
  /** Skills a member needs to get the team's tickets automatically. */
  requiredSkills: z.array(z.string()),
  /** Active members, by 工号. */
  members: z.array(routingMemberSchema),
});
export type RoutingTeamJson = z.infer<typeof routingTeamSchema>;

export const routingTeamListSchema = z.object({
  /** Every department of the workspace, by name. */
  items: z.array(routingTeamSchema),
});

export const updateTeamRoutingBody = z
  .object({
    /** round_robin, least_loaded or manual. */
    strategy: z.enum(ROUTING_STRATEGIES).optional(),
    /** Keep a repeat customer with their previous owner. */
    stickyOwner: z.boolean().optional(),
    /** Skills a member needs to get the team's tickets automatically; empty: none. */
    requiredSkills: skills.optional(),
  })
  .refine(
    (body) => Object.values(body).some((value) => value !== undefined),
    'Send at least one field to change',
  );

export const updateAgentRoutingBody = z
  .object({
    /** What the agent can handle (e.g. 退换货, 安装, English). */
    skills: skills.optional(),
    /** Open tickets at most through automatic assignment; null: no limit. */
    maxOpenTickets: capacity.optional(),
    /** Live chats at once; null: no limit. */
    maxConcurrentChats: capacity.optional(),
  })
  .refine(
    (body) => Object.values(body).some((value) => value !== undefined),
    'Send at least one field to change',
  );

export const agentRoutingSchema = routingMemberSchema.extend({
  /** The agent's department (team), if any. */
  departmentId: z.uuid().nullable(),
});

export const agentParams = z.object({
  /** The agent's user id. */
  userId: z.uuid(),
});

export const transferTicketBody = z
  .object({
    /** The new assignee; null: back to the team's queue; absent with teamId: the team's strategy picks one. */
    assigneeId: z.uuid().nullable().optional(),
    /** The new team; absent: the team stays. */
    teamId: z.uuid().optional(),
    /** Why (shown in the timeline): 需技术支持, 客户要求换人… */
    reason: z.string().trim().min(1).max(500),
    /** A note for the new assignee, added to the thread as an internal note. */
    note: z.string().trim().min(1).max(5000).optional(),
  })
  .refine((body) => body.assigneeId !== undefined || body.teamId !== undefined, {
    message: 'Name a person (assigneeId) or a team (teamId)',
    path: ['assigneeId'],
  });
