import { SearchOutlined } from '@ant-design/icons';
import { Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createSearchParams, useNavigate } from 'react-router';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Search from any page: a customer on the phone reads out a ticket number, an order number or the last four
 * digits of their phone. "/" jumps here from anywhere outside a text field.
 */
export function GlobalTicketSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inputRef = useRef<InputRef>(null);
  const [value, setValue] = useState('');

  useEffect(() => {
    const focusOnSlash = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target))
        return;
      event.preventDefault();
      inputRef.current?.focus();
    };
    window.addEventListener('keydown', focusOnSlash);
    return () => window.removeEventListener('keydown', focusOnSlash);
  }, []);

  return (
    <Input
      ref={inputRef}
      type="search"
      allowClear
      prefix={<SearchOutlined />}
      value={value}
      onChange={(event) => setValue(event.target.value)}
      onPressEnter={() => {
        const q = value.trim();
        if (!q) return;
        navigate({ pathname: '/tickets', search: `?${createSearchParams({ q })}` });
        setValue('');
        inputRef.current?.blur();
      }}
      placeholder={t('header.search')}
      aria-label={t('header.search')}
      style={{ width: 300, maxWidth: '40vw' }}
      data-testid="global-search"
    />
  );
}
