import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { notFound, unprocessable } from '@server/http/problem';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dueFrom } from './due';
import { officialChineseDays } from './official-cn';
import { presentCalendar } from './presenter';
import {
  calendarListSchema,
  calendarSchema,
  calendarYearSchema,
  createCalendarBody,
  dueBody,
  dueResultSchema,
  importCalendarBody,
  importResultSchema,
  updateCalendarBody,
  yearQuery,
} from './schema';
import {
  createCalendar,
  currentYear,
  deleteCalendar,
  effectiveDaysOf,
  findCalendar,
  importCalendarDays,
  listCalendars,
  updateCalendar,
} from './service';
import { NoWorkingTimeError } from './working-calendar';

const tags = ['calendars'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const writeErrors = { ...errors, 409: problemSchema, 422: problemSchema };

/** Working calendars (管理 → 服务时效 → 工作日历): hours, holidays, make-up days, and a due-date calculator. */
export function registerCalendarRoutes(api: Api, { db, guards, serviceLevels }: RouteDeps): void {
  /** Open SLA clocks on the calendar get new deadlines; the response does not wait for that. */
  const calendarChanged = (request: FastifyRequest, calendarIds: (string | null)[]) => {
    const { workspaceId } = principalOf(request);
    for (const calendarId of calendarIds) {
      if (!calendarId) continue;
      serviceLevels.calendarChanged(workspaceId, calendarId).catch((error: unknown) => {
        request.log.error(
          { err: error, calendarId },
          'recomputing SLA clocks after a calendar change failed',
        );
      });
    }
  };

  api.get('/calendars', {
    schema: {
      tags,
      summary: 'List working calendars, the default first',
      response: { 200: calendarListSchema, ...errors },
    },
    preHandler: guards.authorize('service_levels', 'read'),
    handler: async (request) => {
      const rows = await listCalendars(db, { workspaceId: principalOf(request).workspaceId });
      return { items: rows.map(presentCalendar) };
    },
  });

  // A static segment: find-my-way matches it before `/calendars/:id`.
  api.get('/calendars/official', {
    schema: {
      tags,
      summary: "The State Council's holidays and make-up workdays of a year",
      querystring: yearQuery,
      response: { 200: calendarYearSchema, ...errors },
    },
    preHandler: guards.authorize('service_levels', 'read'),
    handler: async (request) => {
      const year = request.query.year ?? currentYear('Asia/Shanghai');
      const days = officialChineseDays(year).map((day) => ({
        date: day.date,
        kind: day.kind,
        name: day.name ?? '',
        source: 'official' as const,
      }));
      return { year, days };
    },
  });

  api.get('/calendars/:id', {
    schema: {
      tags,
      summary: 'A working calendar',
      params: idParams,
      response: { 200: calendarSchema, ...errors },
    },
    preHandler: guards.authorize('service_levels', 'read'),
    handler: async (request) =>
      presentCalendar(
        await findCalendar(db, {
          workspaceId: principalOf(request).workspaceId,
          calendarId: request.params.id,
        }),
      ),
  });

  api.post('/calendars', {
    schema: {
      tags,
      summary: 'Create a working calendar',
      body: createCalendarBody,
      response: { 201: calendarSchema, ...writeErrors },
    },
    preHandler: guards.authorize('service_levels', 'manage'),
    handler: async (request, reply) => {
      const saved = await createCalendar(db, {
        actor: principalOf(request),
        input: request.body,
        ip: request.ip,
      });
      calendarChanged(request, [saved.replacedDefaultId]);
      return reply.status(201).send(presentCalendar(saved.row));
    },
  });

  api.patch('/calendars/:id', {
    schema: {
      tags,
      summary: 'Change hours, zone, days or default of a working calendar',
      params: idParams,
      body: updateCalendarBody,
      response: { 200: calendarSchema, ...writeErrors },
    },
    preHandler: guards.authorize('service_levels', 'manage'),
    handler: async (request) => {
      const saved = await updateCalendar(db, {
        actor: principalOf(request),
        calendarId: request.params.id,
        changes: request.body,
        ip: request.ip,
      });
      calendarChanged(request, [saved.row.id, saved.replacedDefaultId]);
      return presentCalendar(saved.row);
    },
  });

  api.delete('/calendars/:id', {
    schema: {
      tags,
      summary: 'Delete a calendar that is neither the default nor used by an SLA policy',
      params: idParams,
      response: { 204: z.null(), ...errors, 409: problemSchema },
    },
    preHandler: guards.authorize('service_levels', 'manage'),
    handler: async (request, reply) => {
      await deleteCalendar(db, {
        actor: principalOf(request),
        calendarId: request.params.id,
        ip: request.ip,
      });
      calendarChanged(request, [request.params.id]);
      return reply.status(204).send(null);
    },
  });

  api.get('/calendars/:id/days', {
    schema: {
      tags,
      summary: "A year's holidays and make-up workdays as the calendar counts them",
      params: idParams,
      querystring: yearQuery,
      response: { 200: calendarYearSchema, ...errors },
    },
    preHandler: guards.authorize('service_levels', 'read'),
    handler: async (request) => {
      const row = await findCalendar(db, {
        workspaceId: principalOf(request).workspaceId,
        calendarId: request.params.id,
      });
      const year = request.query.year ?? currentYear(row.time_zone);
      return { year, days: effectiveDaysOf(row, year) };
    },
  });

  api.post('/calendars/:id/import', {
    schema: {
      tags,
      summary: "Add holidays and make-up days from an iCalendar or JSON file to the calendar's own days",
      params: idParams,
      body: importCalendarBody,
      response: { 200: importResultSchema, ...writeErrors },
    },
    preHandler: guards.authorize('service_levels', 'manage'),
    handler: async (request) => {
      const { row, imported } = await importCalendarDays(db, {
        actor: principalOf(request),
        calendarId: request.params.id,
        format: request.body.format,
        content: request.body.content,
        ip: request.ip,
      });
      calendarChanged(request, [row.id]);
      return { calendar: presentCalendar(row), imported };
    },
  });

  api.post('/calendars/:id/due', {
    schema: {
      tags,
      summary: 'When a deadline counted on this calendar falls',
      params: idParams,
      body: dueBody,
      response: { 200: dueResultSchema, ...errors, 422: problemSchema },
    },
    preHandler: guards.authorize('service_levels', 'read'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      const resolved = await serviceLevels.deps.calendars.get(db, workspaceId, request.params.id);
      if (!resolved) throw notFound('Calendar');
      try {
        return {
          due: dueFrom(resolved.calendar, new Date(request.body.from), request.body.add).toISOString(),
        };
      } catch (error) {
        if (!(error instanceof NoWorkingTimeError)) throw error;
        throw unprocessable('no_working_time', error.message, [{ path: 'body/add', message: error.message }]);
      }
    },
  });
}
