import { ApiTokensPage } from '@app/admin/api-tokens/ApiTokensPage';
import { AuditLogPage } from '@app/admin/audit/AuditLogPage';
import { CalendarsPage } from '@app/admin/calendars/CalendarsPage';
import { ChannelAccountsPage } from '@app/admin/channels/ChannelAccountsPage';
import { DepartmentsPage } from '@app/admin/departments/DepartmentsPage';
import { MailboxesPage } from '@app/admin/mailboxes/MailboxesPage';
import { PrivacySettingsPage } from '@app/admin/privacy/PrivacySettingsPage';
import { QuickRepliesPage } from '@app/admin/quick-replies/QuickRepliesPage';
import { RiskSettingsPage } from '@app/admin/routing/RiskSettingsPage';
import { RoutingRulesPage } from '@app/admin/routing/RoutingRulesPage';
import { TeamsRoutingPage } from '@app/admin/routing/TeamsRoutingPage';
import { SlaPoliciesPage } from '@app/admin/sla/SlaPoliciesPage';
import { SlaPresetsPage } from '@app/admin/sla/SlaPresetsPage';
import { UsersPage } from '@app/admin/users/UsersPage';
import { WebChatSettingsPage } from '@app/admin/web-chat/WebChatSettingsPage';
import { WorkspaceSettingsPage } from '@app/admin/workspace/WorkspaceSettingsPage';
import { CallLogPage } from '@app/calls/CallLogPage';
import { NotFoundResult } from '@app/components/NotFoundResult';
import { CustomerPage } from '@app/customers/CustomerPage';
import { CustomersPage } from '@app/customers/CustomersPage';
import { IncidentPage } from '@app/incidents/IncidentPage';
import { IncidentsPage } from '@app/incidents/IncidentsPage';
import { AppLayout } from '@app/layout/AppLayout';
import { LiveChatPage } from '@app/live-chat/LiveChatPage';
import { TicketLookupPage } from '@app/lookup/TicketLookupPage';
import { ManualEntryPage } from '@app/manual-entry/ManualEntryPage';
import { NotificationsPage } from '@app/notifications/NotificationsPage';
import { ChangePasswordPage } from '@app/pages/ChangePasswordPage';
import { HomePage } from '@app/pages/HomePage';
import { LoginPage } from '@app/pages/LoginPage';
import { ProfilePage } from '@app/pages/ProfilePage';
import { SetupPage } from '@app/pages/SetupPage';
import { RequirePermission } from '@app/session/RequirePermission';
import { RequireSession } from '@app/session/RequireSession';
import { TicketPage } from '@app/tickets/detail/TicketPage';
import { TicketsInboxPage } from '@app/tickets/inbox/TicketsInboxPage';
import type { Permission } from '@shared/permissions';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

/** A page shown only to users holding the permission it needs (others get a 403 page). */
const guarded = (path: string, permission: Permission, Page: ComponentType): RouteObject => ({
  path,
  element: <RequirePermission permission={permission} />,
  children: [{ index: true, Component: Page }],
});

export const routes: RouteObject[] = [
  { path: '/login', Component: LoginPage },
  { path: '/setup', Component: SetupPage },
  // Customers' self-service ticket lookup: public, outside the agent session.
  { path: '/lookup', Component: TicketLookupPage },
  { path: '/lookup/:workspaceSlug', Component: TicketLookupPage },
  {
    Component: RequireSession,
    children: [
      {
        Component: AppLayout,
        children: [
          { index: true, Component: HomePage },
          { path: 'profile', Component: ProfilePage },
          { path: 'account/password', Component: ChangePasswordPage },
          guarded('tickets', 'tickets:read', TicketsInboxPage),
          guarded('tickets/:ticketId', 'tickets:read', TicketPage),
          guarded('live-chat', 'tickets:read', LiveChatPage),
          guarded('calls', 'tickets:create', CallLogPage),
          guarded('manual-entry', 'tickets:create', ManualEntryPage),
          guarded('customers', 'customers:read', CustomersPage),
          guarded('customers/:customerId', 'customers:read', CustomerPage),
          guarded('notifications', 'notifications:read', NotificationsPage),
          guarded('incidents', 'incidents:read', IncidentsPage),
          guarded('incidents/:incidentId', 'incidents:read', IncidentPage),
          guarded('admin/users', 'users:read', UsersPage),
          guarded('admin/departments', 'departments:read', DepartmentsPage),
          guarded('admin/api-tokens', 'api_tokens:read', ApiTokensPage),
          guarded('admin/channels', 'channels:read', ChannelAccountsPage),
          guarded('admin/web-chat', 'channels:read', WebChatSettingsPage),
          guarded('admin/mailboxes', 'channels:read', MailboxesPage),
          guarded('admin/quick-replies', 'quick_replies:read', QuickRepliesPage),
          guarded('admin/calendars', 'service_levels:read', CalendarsPage),
          guarded('admin/sla', 'service_levels:read', SlaPoliciesPage),
          guarded('admin/sla/presets', 'service_levels:read', SlaPresetsPage),
          guarded('admin/routing/rules', 'routing:read', RoutingRulesPage),
          guarded('admin/routing/risk', 'routing:read', RiskSettingsPage),
          guarded('admin/routing/teams', 'routing:read', TeamsRoutingPage),
          guarded('admin/audit', 'audit_log:read', AuditLogPage),
          guarded('admin/workspace', 'workspace:read', WorkspaceSettingsPage),
          guarded('admin/privacy', 'workspace:update', PrivacySettingsPage),
          { path: '*', Component: NotFoundResult },
        ],
      },
    ],
  },
];
