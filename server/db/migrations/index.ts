import type { Migration } from 'kysely';
import * as createWorkspaces from './20261123140000_create_workspaces';
import * as createDepartments from './20261123140100_create_departments';
import * as createUsers from './20261123140200_create_users';
import * as createSessions from './20261123140300_create_sessions';
import * as createApiTokens from './20261123140400_create_api_tokens';
import * as createSetupTokens from './20261123140500_create_setup_tokens';
import * as createAuditEvents from './20261123140600_create_audit_events';
import * as enablePgTrgm from './20261123150000_enable_pg_trgm';
import * as createDailyCounters from './20261123150100_create_daily_counters';
import * as createCustomers from './20261123150200_create_customers';
import * as createCustomerIdentities from './20261123150300_create_customer_identities';
import * as createTickets from './20261123150400_create_tickets';
import * as createTicketMessages from './20261123150500_create_ticket_messages';
import * as createTicketEvents from './20261123150600_create_ticket_events';
import * as addWorkspaceTicketConfig from './20261123150700_add_workspace_ticket_config';
import * as createAttachments from './20261123150800_create_attachments';
import * as createCustomerImports from './20261123150900_create_customer_imports';
import * as createWorkspaceDataKeys from './20261123151000_create_workspace_data_keys';
import * as createPiiSpans from './20261123160000_create_pii_spans';
import * as createPrivacyJobs from './20261123160100_create_privacy_jobs';
import * as makeAuditEventsAppendOnly from './20261123160200_make_audit_events_append_only';
import * as createChannelAccounts from './20261201100000_create_channel_accounts';
import * as createChannelConversations from './20261201100100_create_channel_conversations';
import * as createInboundReceipts from './20261201100200_create_inbound_receipts';
import * as createOutboundDeliveries from './20261201100300_create_outbound_deliveries';
import * as createRealtimeEvents from './20261201100400_create_realtime_events';
import * as createCalendars from './20261201110000_create_calendars';
import * as createSlaPolicies from './20261201110100_create_sla_policies';
import * as createTicketSlaClocks from './20261201110200_create_ticket_sla_clocks';
import * as createNotifications from './20261201110300_create_notifications';
import * as addRoutingToPeople from './20261202100000_add_routing_to_people';
import * as addRoutingToTickets from './20261202100100_add_routing_to_tickets';
import * as createRoutingRules from './20261202100200_create_routing_rules';
import * as createClassifierCounts from './20261202100300_create_classifier_counts';
import * as createIncidents from './20261202100400_create_incidents';
import * as createMergeSuggestions from './20261202100500_create_merge_suggestions';
import * as createWebChat from './20261202120000_create_web_chat';
import * as createCallRecords from './20261202130000_create_call_records';
import * as createEmail from './20261202140000_create_email';
import * as addConversationAutomaticReplies from './20261202150000_add_conversation_automatic_replies';
import * as createPlatformChannels from './20261202160000_create_platform_channels';
import * as dropWorkspaceKeysOfThreadRows from './20261202220000_drop_workspace_keys_of_thread_rows';

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
  '20261123150000_enable_pg_trgm': enablePgTrgm,
  '20261123150100_create_daily_counters': createDailyCounters,
  '20261123150200_create_customers': createCustomers,
  '20261123150300_create_customer_identities': createCustomerIdentities,
  '20261123150400_create_tickets': createTickets,
  '20261123150500_create_ticket_messages': createTicketMessages,
  '20261123150600_create_ticket_events': createTicketEvents,
  '20261123150700_add_workspace_ticket_config': addWorkspaceTicketConfig,
  '20261123150800_create_attachments': createAttachments,
  '20261123150900_create_customer_imports': createCustomerImports,
  '20261123151000_create_workspace_data_keys': createWorkspaceDataKeys,
  '20261123160000_create_pii_spans': createPiiSpans,
  '20261123160100_create_privacy_jobs': createPrivacyJobs,
  '20261123160200_make_audit_events_append_only': makeAuditEventsAppendOnly,
  '20261201100000_create_channel_accounts': createChannelAccounts,
  '20261201100100_create_channel_conversations': createChannelConversations,
  '20261201100200_create_inbound_receipts': createInboundReceipts,
  '20261201100300_create_outbound_deliveries': createOutboundDeliveries,
  '20261201100400_create_realtime_events': createRealtimeEvents,
  '20261201110000_create_calendars': createCalendars,
  '20261201110100_create_sla_policies': createSlaPolicies,
  '20261201110200_create_ticket_sla_clocks': createTicketSlaClocks,
  '20261201110300_create_notifications': createNotifications,
  '20261202100000_add_routing_to_people': addRoutingToPeople,
  '20261202100100_add_routing_to_tickets': addRoutingToTickets,
  '20261202100200_create_routing_rules': createRoutingRules,
  '20261202100300_create_classifier_counts': createClassifierCounts,
  '20261202100400_create_incidents': createIncidents,
  '20261202100500_create_merge_suggestions': createMergeSuggestions,
  '20261202120000_create_web_chat': createWebChat,
  '20261202130000_create_call_records': createCallRecords,
  '20261202140000_create_email': createEmail,
  '20261202150000_add_conversation_automatic_replies': addConversationAutomaticReplies,
  '20261202160000_create_platform_channels': createPlatformChannels,
  '20261202220000_drop_workspace_keys_of_thread_rows': dropWorkspaceKeysOfThreadRows,
};
