import type { Api, RouteDeps } from '@server/http/api';
import { registerIncidentRoutes } from '@server/incidents/routes';
import { registerAssignmentRoutes } from './assignment/routes';
import { registerClassifierRoutes } from './classifier/routes';
import { registerMergeSuggestionRoutes } from './duplicates/routes';
import { registerRuleRoutes } from './rules/routes';

/** Every routing endpoint: rules and settings, assignment and presence, the classifier, duplicates, incidents. */
export function registerRoutingRoutes(api: Api, deps: RouteDeps): void {
  registerRuleRoutes(api, deps);
  registerClassifierRoutes(api, deps);
  registerAssignmentRoutes(api, deps);
  registerMergeSuggestionRoutes(api, deps);
  registerIncidentRoutes(api, deps);
}
