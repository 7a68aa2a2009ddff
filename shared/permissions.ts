import type { Role } from './roles';

const EVERYONE: readonly Role[] = [
  'admin',
  'supervisor',
  'agent',
  'engineer',
  'operations',
  'success_manager',
];

/**
 * The one permission table: resource → action → roles allowed. Every route names one entry of it, and API-token
 * scopes are written as `resource:action` strings from it. The app reads it to hide what a role cannot use.
 */
export const PERMISSIONS = {
  workspace: { read: EVERYONE, update: ['admin'] },
  users: {
    read: EVERYONE,
    create: ['admin'],
    update: ['admin'],
    deactivate: ['admin'],
    reset_password: ['admin'],
  },
  departments: { read: EVERYONE, create: ['admin'], update: ['admin'], delete: ['admin'] },
  api_tokens: { read: ['admin'], create: ['admin'], revoke: ['admin'] },
  audit_log: { read: ['admin', 'supervisor'] },
  tickets: {
    read: EVERYONE,
    create: EVERYONE,
    update: EVERYONE,
    reply: EVERYONE,
    assign: ['admin', 'supervisor', 'agent'],
    merge: ['admin', 'supervisor', 'agent'],
    /** Closed (已闭环) is final; only a supervisor may reopen (seed 001/002). */
    reopen_closed: ['admin', 'supervisor'],
  },
  customers: {
    read: EVERYONE,
    create: EVERYONE,
    update: EVERYONE,
    merge: ['admin', 'supervisor', 'agent'],
    import: ['admin', 'supervisor'],
  },
  /** Channel accounts (the signed API channel and, later, platform adapters): credentials and callback URLs. */
  channels: { read: ['admin', 'supervisor'], manage: ['admin'] },
  /** Service levels: working calendars, SLA policies and escalation, the seed presets. */
  service_levels: { read: EVERYONE, manage: ['admin', 'supervisor'] },
  /** Routing: rules, the risk lexicon, team strategies, skills and capacity, classifier settings. */
  routing: { read: EVERYONE, manage: ['admin', 'supervisor'] },
  /** Emergency mode (seed 002): incidents, their holding reply and the final resolution broadcast. */
  incidents: { read: EVERYONE, manage: ['admin', 'supervisor'] },
  /** Quick replies (快捷回复): every agent uses them in the composer; admins and supervisors keep the list. */
  quick_replies: { read: EVERYONE, manage: ['admin', 'supervisor'] },
  /** Each person's own notification list (SLA warnings, escalations). */
  notifications: { read: EVERYONE },
  /** Personal data (PIPL): reveal a masked original, export or erase a customer's data, run retention. */
  pii: {
    /** Seed 000/002: agents work with masked data; a supervisor reveals an original for a stated reason. */
    reveal: ['admin', 'supervisor'],
    export: ['admin'],
    erase: ['admin'],
    retention: ['admin'],
  },
} as const satisfies Record<string, Record<string, readonly Role[]>>;

export type Resource = keyof typeof PERMISSIONS;
export type ActionOf<R extends Resource> = keyof (typeof PERMISSIONS)[R] & string;
export type Permission = { [R in Resource]: `${R}:${ActionOf<R>}` }[Resource];

/** Whether a role may perform an action on a resource. */
export function can<R extends Resource>(role: Role, resource: R, action: ActionOf<R>): boolean {
  const allowed = PERMISSIONS[resource][action] as readonly Role[];
  return allowed.includes(role);
}

/** Every `resource:action` pair in the table, in table order; also the set of valid API-token scopes. */
export const ALL_PERMISSIONS: Permission[] = Object.entries(PERMISSIONS).flatMap(([resource, actions]) =>
  Object.keys(actions).map((action) => `${resource}:${action}` as Permission),
);

/** The permissions a role holds; an API token's scopes must be a subset of its owner's. */
export function permissionsOf(role: Role): Permission[] {
  return ALL_PERMISSIONS.filter((permission) => {
    const [resource, action] = permission.split(':') as [Resource, string];
    return (PERMISSIONS[resource] as Record<string, readonly Role[]>)[action]?.includes(role) ?? false;
  });
}
