import fs from 'node:fs';
import { createRequire } from 'node:module';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam, buildUser, buildWorkspace } from '@server/test/factories';
import { describe, expect, it } from 'vitest';
import { STANDARD_WEEK } from './working-calendar';

const holidaysIcs = fs.readFileSync(
  createRequire(import.meta.url).resolve('chinese-days/dist/holidays.ics'),
  'utf8',
);

interface CalendarJson {
  id: string;
  name: string;
  timeZone: string;
  isDefault: boolean;
  followsOfficial: boolean;
  overrides: { date: string; kind: string; name?: string }[];
  week: { start: string; end: string }[][];
}

async function adminClient() {
  const app = await buildTestApp();
  const team = await buildTeam();
  return { team, client: await login(app, team.admin) };
}

async function defaultCalendar(client: TestClient): Promise<CalendarJson> {
  const items: CalendarJson[] = (await client.get('/api/v1/calendars')).json().items;
  const found = items.find((calendar) => calendar.isDefault);
  if (!found) throw new Error('no default calendar');
  return found;
}

async function createCalendar(client: TestClient, body: Record<string, unknown>): Promise<CalendarJson> {
  const response = await client.post('/api/v1/calendars', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const due = (client: TestClient, calendarId: string, from: string, add: Record<string, number>) =>
  client.post(`/api/v1/calendars/${calendarId}/due`, { from, add });

describe('working calendars over the API', () => {
  it('gives every workspace 中国法定工作日 as its default, once', async () => {
    const app = await buildTestApp();
    const workspace = await buildWorkspace({ timeZone: 'Asia/Urumqi' });
    const client = await login(app, await buildUser(workspace, { role: 'agent' }));
    const [first, second] = [await client.get('/api/v1/calendars'), await client.get('/api/v1/calendars')];
    expect(first.statusCode).toBe(200);
    expect(second.json().items).toHaveLength(1);
    expect(first.json().items[0]).toMatchObject({
      name: '中国法定工作日',
      timeZone: 'Asia/Urumqi',
      alwaysOpen: false,
      followsOfficial: true,
      overrides: [],
      isDefault: true,
      week: STANDARD_WEEK,
    });
  });

  it('documents the calendar routes in the OpenAPI document', async () => {
    const document = (await (await buildTestApp()).inject('/api/openapi.json')).json();
    const paths = [
      '/calendars',
      '/calendars/official',
      '/calendars/{id}',
      '/calendars/{id}/days',
      '/calendars/{id}/import',
      '/calendars/{id}/due',
    ];
    for (const path of paths) expect(document.paths[`/api/v1${path}`], path).toBeDefined();
    expect(document.paths['/api/v1/calendars/{id}/due'].post.tags).toEqual(['calendars']);
  });

  it('creates, reads, changes and deletes calendars, keeping exactly one default', async () => {
    const { team, client } = await adminClient();
    const official = await defaultCalendar(client);
    const night = await createCalendar(client, { name: '夜班', alwaysOpen: true });
    expect(night).toMatchObject({
      name: '夜班',
      timeZone: 'Asia/Shanghai',
      isDefault: false,
      alwaysOpen: true,
    });
    expect(night.week.every((day) => day.length === 1 && day[0]?.end === '24:00')).toBe(true);
    expect((await client.get(`/api/v1/calendars/${night.id}`)).json().name).toBe('夜班');

    const taken = await client.post('/api/v1/calendars', { name: '夜班' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('calendar_name_taken');

    const changed = await client.patch(`/api/v1/calendars/${night.id}`, {
      name: '夜班 24×7',
      isDefault: true,
      overrides: [
        {
          date: '2026-12-24',
          kind: 'holiday',
          name: '平安夜',
          intervals: [{ start: '09:00', end: '10:00' }],
        },
      ],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      name: '夜班 24×7',
      isDefault: true,
      overrides: [{ date: '2026-12-24', kind: 'holiday', name: '平安夜' }],
    });
    expect(changed.json().overrides[0].intervals).toBeUndefined();
    expect((await client.get(`/api/v1/calendars/${official.id}`)).json().isDefault).toBe(false);

    const undefault = await client.patch(`/api/v1/calendars/${night.id}`, { isDefault: false });
    expect(undefault.statusCode).toBe(409);
    const deleteDefault = await client.delete(`/api/v1/calendars/${night.id}`);
    expect(deleteDefault.statusCode).toBe(409);
    expect(deleteDefault.headers['content-type']).toMatch(/^application\/problem\+json/);

    await testDb()
      .insertInto('sla_policies')
      .values({
        workspace_id: team.workspace.id,
        name: 'VIP 工单',
        position: 1,
        calendar_id: official.id,
        match: '{}',
        targets: '[]',
        warning_actions: '[]',
        escalations: '[]',
      })
      .execute();
    const inUse = await client.delete(`/api/v1/calendars/${official.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({
      code: 'calendar_in_use',
      detail: expect.stringContaining('VIP 工单'),
    });

    const spare = await createCalendar(client, { name: '备用' });
    expect((await client.delete(`/api/v1/calendars/${spare.id}`)).statusCode).toBe(204);
    expect((await client.get(`/api/v1/calendars/${spare.id}`)).statusCode).toBe(404);
    const audit = await testDb()
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('workspace_id', '=', team.workspace.id)
      .where('target_id', '=', spare.id)
      .orderBy('created_at')
      .execute();
    expect(audit).toEqual([
      { action: 'calendar.created', actor_user_id: team.admin.id },
      { action: 'calendar.deleted', actor_user_id: team.admin.id },
    ]);
  });

  it('answers invalid hours, dates and zones with field errors', async () => {
    const { client } = await adminClient();
    const week = [
      [],
      [{ start: '18:00', end: '09:00' }],
      [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '18:00' },
      ],
      [{ start: '9:00', end: '12:00' }],
      [],
      [],
      [],
    ];
    const invalid = await client.post('/api/v1/calendars', {
      name: '错误',
      timeZone: 'Mars/Olympus',
      week,
      overrides: [{ date: '2026-02-30', kind: 'holiday' }],
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(invalid.json().errors.map((error: { path: string }) => error.path)).toEqual([
      'body/timeZone',
      'body/week/1/0/end',
      'body/week/2/1/start',
      'body/week/3/0/start',
      'body/overrides/0/date',
    ]);

    const sixDays = await client.post('/api/v1/calendars', { name: '六天', week: STANDARD_WEEK.slice(1) });
    expect(sixDays.json().errors).toEqual([
      expect.objectContaining({ path: 'body/week', code: 'week_length' }),
    ]);
    const closed = await client.post('/api/v1/calendars', {
      name: '关门',
      week: [[], [], [], [], [], [], []],
    });
    expect(closed.json().errors).toEqual([
      expect.objectContaining({ path: 'body/week', code: 'no_working_time' }),
    ]);

    const calendar = await defaultCalendar(client);
    const badPatch = await client.patch(`/api/v1/calendars/${calendar.id}`, { timeZone: 'Asia/Beijing' });
    expect(badPatch.statusCode).toBe(422);
    const shape = await client.patch(`/api/v1/calendars/${calendar.id}`, { week: 5 });
    expect(shape.statusCode).toBe(400);
    expect(shape.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body/week' }] });
    expect((await client.patch(`/api/v1/calendars/${calendar.id}`, {})).statusCode).toBe(400);
  });

  it('computes due dates across 国庆 with the 10-10 make-up Saturday, and follows edits at once', async () => {
    const { client } = await adminClient();
    const calendar = await defaultCalendar(client);
    const from = '2026-09-30T17:00:00+08:00';

    const days = await due(client, calendar.id, from, { workingDays: 3 });
    expect(days.statusCode, days.body).toBe(200);
    expect(days.json()).toEqual({ due: '2026-10-10T09:00:00.000Z' });
    expect(
      (await due(client, calendar.id, '2026-03-10T11:30:00+08:00', { businessMinutes: 60 })).json().due,
    ).toBe('2026-03-10T06:00:00.000Z');
    expect((await due(client, calendar.id, from, { calendarMinutes: 60 })).json().due).toBe(
      '2026-09-30T10:00:00.000Z',
    );
    expect((await due(client, calendar.id, from, { businessHours: 2 })).json().due).toBe(
      '2026-10-08T01:30:00.000Z',
    );

    const twoUnits = await due(client, calendar.id, from, { workingDays: 1, businessHours: 1 });
    expect(twoUnits.statusCode).toBe(400);
    expect((await due(client, calendar.id, from, { workingDays: -1 })).statusCode).toBe(400);

    // The shop takes 10-10 off after all: the third working day becomes Monday 10-12.
    const patched = await client.patch(`/api/v1/calendars/${calendar.id}`, {
      overrides: [{ date: '2026-10-10', kind: 'holiday', name: '店休' }],
    });
    expect(patched.statusCode).toBe(200);
    expect((await due(client, calendar.id, from, { workingDays: 3 })).json().due).toBe(
      '2026-10-12T09:00:00.000Z',
    );

    const year = (await client.get(`/api/v1/calendars/${calendar.id}/days?year=2026`)).json();
    expect(year.year).toBe(2026);
    expect(year.days).toContainEqual({
      date: '2026-10-10',
      kind: 'holiday',
      name: '店休',
      source: 'workspace',
    });
    expect(year.days).toContainEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: '国庆节',
      source: 'official',
    });
    expect(year.days.map((day: { date: string }) => day.date)).toEqual(
      year.days.map((day: { date: string }) => day.date).sort(),
    );
  });

  it('lists the official days of a year', async () => {
    const { client } = await adminClient();
    const response = await client.get('/api/v1/calendars/official?year=2026');
    expect(response.statusCode).toBe(200);
    const { year, days } = response.json();
    expect(year).toBe(2026);
    expect(days.filter((day: { kind: string }) => day.kind === 'holiday')).toHaveLength(33);
    expect(days).toContainEqual({
      date: '2026-10-10',
      kind: 'workday',
      name: '国庆节 调休上班',
      source: 'official',
    });
    expect((await client.get('/api/v1/calendars/official?year=1800')).statusCode).toBe(400);
  });

  it('imports an iCalendar file into the calendar’s own days', async () => {
    const { client } = await adminClient();
    const calendar = await createCalendar(client, {
      name: '自定义假期',
      followsOfficial: false,
      overrides: [
        { date: '2026-10-10', kind: 'holiday', name: '店休' },
        { date: '2027-01-04', kind: 'holiday' },
      ],
    });
    const imported = await client.post(`/api/v1/calendars/${calendar.id}/import`, {
      format: 'ics',
      content: holidaysIcs,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const { calendar: after, imported: count } = imported.json();
    expect(count).toBeGreaterThan(100);
    // The file's 10-10 (a make-up workday) replaced the own holiday; dates the file does not list stay.
    expect(after.overrides).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节(班)' });
    expect(after.overrides).toContainEqual({ date: '2027-01-04', kind: 'holiday' });
    expect(after.overrides).toHaveLength(count + 1);
    const year = (await client.get(`/api/v1/calendars/${calendar.id}/days?year=2026`)).json();
    expect(year.days.filter((day: { kind: string }) => day.kind === 'holiday')).toHaveLength(33);
    expect((await due(client, calendar.id, '2026-09-30T17:00:00+08:00', { workingDays: 3 })).json().due).toBe(
      '2026-10-10T09:00:00.000Z',
    );

    const broken = await client.post(`/api/v1/calendars/${calendar.id}/import`, {
      format: 'ics',
      content:
        'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261001T090000\r\nSUMMARY:会议\r\nEND:VEVENT\r\nEND:VCALENDAR',
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json()).toMatchObject({
      code: 'invalid_calendar_file',
      errors: [{ path: 'body/content/events/0/DTSTART', message: expect.stringContaining('all-day') }],
    });
    const json = await client.post(`/api/v1/calendars/${calendar.id}/import`, {
      format: 'json',
      content: JSON.stringify([{ date: '2026-06-31', kind: 'holiday' }]),
    });
    expect(json.json().errors).toEqual([expect.objectContaining({ path: 'body/content/0/date' })]);
  });

  it('keeps each workspace’s calendars to itself', async () => {
    const { client } = await adminClient();
    const other = await buildTeam();
    const otherClient = await login(await buildTestApp(), other.admin);
    const foreign = await createCalendar(otherClient, { name: '别家的日历' });

    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/calendars/${foreign.id}`],
      ['PATCH', `/api/v1/calendars/${foreign.id}`, { name: 'hijacked' }],
      ['DELETE', `/api/v1/calendars/${foreign.id}`],
      ['GET', `/api/v1/calendars/${foreign.id}/days?year=2026`],
      ['POST', `/api/v1/calendars/${foreign.id}/import`, { format: 'json', content: '[]' }],
      [
        'POST',
        `/api/v1/calendars/${foreign.id}/due`,
        { from: '2026-09-30T09:00:00Z', add: { workingDays: 1 } },
      ],
    ];
    for (const [method, url, body] of calls) {
      const response = await client.request(method as 'GET', url, body);
      expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 404 });
    }
    const listed = (await client.get('/api/v1/calendars')).json().items.map((c: { id: string }) => c.id);
    expect(listed).not.toContain(foreign.id);
    expect((await otherClient.get(`/api/v1/calendars/${foreign.id}`)).json().name).toBe('别家的日历');
  });
});
