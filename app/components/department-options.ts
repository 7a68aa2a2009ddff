import { useDepartments } from '@app/api/departments';

/** Departments as Select options, in the order the server lists them. */
export function useDepartmentOptions(): { value: string; label: string }[] {
  const departments = useDepartments();
  return (departments.data ?? []).map((department) => ({ value: department.id, label: department.name }));
}
