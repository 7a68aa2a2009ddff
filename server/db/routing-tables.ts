/** Kysely types of the routing tables: rules, settings, the classifier's counts, incidents, merge suggestions. */
import type { RoutingSettings, RuleAction, RuleCondition, RuleTrigger } from '@shared/routing';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './schema';

export interface RoutingRulesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  position: number;
  enabled: Generated<boolean>;
  triggers: ColumnType<RuleTrigger[], RuleTrigger[] | undefined, RuleTrigger[]>;
  match: ColumnType<'all' | 'any', 'all' | 'any' | undefined, 'all' | 'any'>;
  conditions: Json<RuleCondition[]>;
  actions: Json<RuleAction[]>;
  stop_after_match: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoutingSettingsTable {
  workspace_id: string;
  /** Only what departs from DEFAULT_ROUTING_SETTINGS is stored. */
  settings: Json<Partial<RoutingSettings>>;
  updated_at: Timestamp;
}

export interface ClassifierLabelsTable {
  workspace_id: string;
  /** `type` or `type/subtype`. */
  label: string;
  documents: Generated<number>;
  tokens: Generated<number>;
}

export interface ClassifierTokensTable {
  workspace_id: string;
  token: string;
  label: string;
  count: Generated<number>;
}

export interface ClassifierExamplesTable {
  workspace_id: string;
  ticket_id: string;
  label: string;
  tokens: string[];
  created_at: Timestamp;
}

export type IncidentStatus = 'open' | 'resolved';

export interface IncidentsTable {
  id: Generated<string>;
  workspace_id: string;
  title: string;
  status: ColumnType<IncidentStatus, IncidentStatus | undefined, IncidentStatus>;
  signature: string[];
  holding_reply: string | null;
  holding_reply_at: NullableTimestamp;
  resolution: string | null;
  opened_at: Timestamp;
  resolved_at: NullableTimestamp;
  opened_by: string | null;
  resolved_by: string | null;
}

export interface IncidentTicketsTable {
  workspace_id: string;
  incident_id: string;
  ticket_id: string;
  linked_at: Timestamp;
  holding_message_id: string | null;
  resolution_message_id: string | null;
}

export type MergeSuggestionStatus = 'open' | 'merged' | 'dismissed';

export interface MergeSuggestionsTable {
  workspace_id: string;
  /** The newer ticket, on whose page the suggestion shows. */
  ticket_id: string;
  /** The open ticket it probably repeats. */
  candidate_id: string;
  score: number;
  reasons: Generated<string[]>;
  status: ColumnType<MergeSuggestionStatus, MergeSuggestionStatus | undefined, MergeSuggestionStatus>;
  created_at: Timestamp;
  decided_at: NullableTimestamp;
  decided_by: string | null;
}

export type RoutingRuleRow = Selectable<RoutingRulesTable>;
