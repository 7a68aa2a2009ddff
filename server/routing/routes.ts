import type { Api, RouteDeps } from '@server/http/api';
import { registerAssignmentRoutes } from './assignment/routes';
import { registerClassifierRoutes } from './classifier/routes';
import { registerRuleRoutes } from './rules/routes';

/** Every routing endpoint: rules and settings, assignment and presence, the classifier, duplicates, incidents. */
export function registerRoutingRoutes(api: Api, deps: RouteDeps): void {
  registerRuleRoutes(api, deps);
  registerClassifierRoutes(api, deps);
  registerAssignmentRoutes(api, deps);
}
