import type { Migration } from 'kysely';
import * as createWorkspaces from './20261123140000_create_workspaces';
import * as createDepartments from './20261123140100_create_departments';
import * as createUsers from './20261123140200_create_users';
import * as createSessions from './20261123140300_create_sessions';
import * as createApiTokens from './20261123140400_create_api_tokens';
import * as createSetupTokens from './20261123140500_create_setup_tokens';
import * as createAuditEvents from './20261123140600_create_audit_events';

/**
 * Every migration, by file name. Listed explicitly (not discovered from the folder at run time) so that the same
 * list works under tsx, vitest and a bundler; `migrations.test.ts` fails when a file is missing here.
 */
export const migrations: Record<string, Migration> = {
  '20261123140000_create_workspaces': createWorkspaces,
  '20261123140100_create_departments': createDepartments,
  '20261123140200_create_users': createUsers,
  '20261123140300_create_sessions': createSessions,
  '20261123140400_create_api_tokens': createApiTokens,
  '20261123140500_create_setup_tokens': createSetupTokens,
  '20261123140600_create_audit_events': createAuditEvents,
};
