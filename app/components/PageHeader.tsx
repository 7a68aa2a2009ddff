import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useDocumentTitle } from './use-document-title';

/** The page's name as its heading and in the browser tab, with the page's main actions beside it. */
export function PageHeader({
  title,
  description,
  extra,
}: {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
}) {
  useDocumentTitle(title);

  return (
    <div style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {description && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {description}
        </Typography.Paragraph>
      )}
    </div>
  );
}
