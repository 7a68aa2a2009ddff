import { useUsers } from '@app/api/users';
import { useMemo } from 'react';

export interface UserOption {
  value: string;
  /** Name and 工号 together, so either can be typed to find a colleague. */
  label: string;
}

const labelOf = (user: { name: string; employeeNo: string | null }) =>
  user.employeeNo ? `${user.name} ${user.employeeNo}` : user.name;

// One list for both needs (pickers and history), so a ticket page asks for the team only once.
const useEveryone = () => useUsers({ includeDeactivated: true });

/** Active colleagues as Select options (assignee, collaborators). */
export function useUserOptions(): UserOption[] {
  const users = useEveryone().data;
  return useMemo(
    () =>
      (users ?? []).filter((user) => user.active).map((user) => ({ value: user.id, label: labelOf(user) })),
    [users],
  );
}

/** Every colleague by id, former ones included, to name who did what in a ticket's history. */
export function useUserNames(): Map<string, string> {
  const users = useEveryone().data;
  return useMemo(() => new Map((users ?? []).map((user) => [user.id, labelOf(user)])), [users]);
}
