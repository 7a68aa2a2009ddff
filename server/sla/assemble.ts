import { CalendarCache } from '@server/calendars/repo';
import type { Database } from '@server/db/schema';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { AdjustableClock, type Clock, systemClock } from './clock';
import { SlaPolicyCache } from './repo';
import { SlaScheduler } from './scheduler';
import { ServiceLevels } from './service';
import { SlaTracker } from './tracker';
import { WebhookWorker } from './webhook-worker';

/** Builds the SLA parts that share caches and a clock: tracker, scheduler, and the service the routes use. */
export function createServiceLevels(options: {
  db: Kysely<Database>;
  log: FastifyBaseLogger;
  clock?: Clock;
  onFired?: (workspaceIds: Set<string>) => void;
  scheduler?: { batchSize?: number; intervalMs?: number; lanes?: number };
}): ServiceLevels {
  const policies = new SlaPolicyCache();
  const calendars = new CalendarCache();
  const tracker = new SlaTracker({ policies, calendars, clock: options.clock ?? new AdjustableClock() });
  const scheduler = new SlaScheduler({
    db: options.db,
    tracker,
    log: options.log,
    onFired: options.onFired,
    ...options.scheduler,
  });
  const webhooks = new WebhookWorker({ db: options.db, log: options.log });
  return new ServiceLevels({
    db: options.db,
    tracker,
    scheduler,
    webhooks,
    policies,
    calendars,
  });
}

/** A tracker of its own, for code that changes tickets outside a running app (demo seeding, test factories). */
export function createStandaloneTracker(clock: Clock = systemClock): SlaTracker {
  return new SlaTracker({ policies: new SlaPolicyCache(0), calendars: new CalendarCache(), clock });
}
