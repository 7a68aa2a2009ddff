import { Typography } from 'antd';

/** A colleague as customers and supervisors know them: the name followed by the 工号. */
export function PersonName({ person }: { person: { name: string; employeeNo: string | null } }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {person.name}
      {person.employeeNo && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 'inherit' }}>
          {person.employeeNo}
        </Typography.Text>
      )}
    </span>
  );
}
