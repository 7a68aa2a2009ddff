import type { Customer } from '@app/api/types';

/** 138****5678: enough to recognise a number in a list without showing it whole to everyone passing by. */
export function maskPhone(phone: string): string {
  if (phone.length <= 4) return phone;
  const keepStart = Math.max(0, phone.length - 8);
  return `${phone.slice(0, keepStart)}${'*'.repeat(phone.length - 4 - keepStart)}${phone.slice(-4)}`;
}

/** What to call a customer: the name, else the nickname on their channel, else the customer number. */
export const customerName = (customer: Pick<Customer, 'name' | 'nickname' | 'number'>): string =>
  customer.name || customer.nickname || customer.number;
