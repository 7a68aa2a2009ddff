import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import type {
  Calendar,
  CalendarImportFormat,
  CalendarYear,
  CreateCalendarInput,
  DueAddition,
  UpdateCalendarInput,
} from './sla-types';

export const calendarsKey = ['calendars'] as const;
const calendarYearKey = (calendarId: string, year: number) => [...calendarsKey, calendarId, 'days', year];

export function useCalendars() {
  return useQuery({
    queryKey: calendarsKey,
    queryFn: ({ signal }) => apiRequest<{ items: Calendar[] }>('/calendars', { signal }),
    select: (page) => page.items,
  });
}

/** The dates of a year that differ from the ordinary week: holidays and make-up workdays, official or own. */
export function useCalendarYear(calendarId: string, year: number) {
  return useQuery({
    queryKey: calendarYearKey(calendarId, year),
    queryFn: ({ signal }) =>
      apiRequest<CalendarYear>(`/calendars/${calendarId}/days`, { query: { year }, signal }),
    placeholderData: keepPreviousData,
  });
}

// A calendar's days depend on every one of its settings, so any change refreshes them with the list.
function useRefreshCalendars() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: calendarsKey });
}

export function useCreateCalendar() {
  const refresh = useRefreshCalendars();
  return useMutation({
    mutationFn: (body: CreateCalendarInput) => apiRequest<Calendar>('/calendars', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateCalendar() {
  const refresh = useRefreshCalendars();
  return useMutation({
    mutationFn: ({ calendarId, changes }: { calendarId: string; changes: UpdateCalendarInput }) =>
      apiRequest<Calendar>(`/calendars/${calendarId}`, { method: 'PATCH', body: changes }),
    onSuccess: refresh,
  });
}

export function useDeleteCalendar() {
  const refresh = useRefreshCalendars();
  return useMutation({
    mutationFn: (calendarId: string) => apiRequest<void>(`/calendars/${calendarId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

/** Holidays and workdays from an `.ics` file or a JSON list, added to the calendar's own days. */
export function useImportCalendarDays() {
  const refresh = useRefreshCalendars();
  return useMutation({
    mutationFn: ({
      calendarId,
      format,
      content,
    }: {
      calendarId: string;
      format: CalendarImportFormat;
      content: string;
    }) =>
      apiRequest<{ calendar: Calendar; imported: number }>(`/calendars/${calendarId}/import`, {
        method: 'POST',
        body: { format, content },
      }),
    onSuccess: refresh,
  });
}

/** When a deadline counted on the calendar falls: `from` plus so many working days, hours or minutes. */
export function useCalculateDue() {
  return useMutation({
    mutationFn: ({ calendarId, from, add }: { calendarId: string; from: string; add: DueAddition }) =>
      apiRequest<{ due: string }>(`/calendars/${calendarId}/due`, { method: 'POST', body: { from, add } }),
  });
}
