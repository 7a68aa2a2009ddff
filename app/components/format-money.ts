/** ¥12,000: an amount in yuan as the seeds write it, grouped the interface language's way. */
export const formatYuan = (amount: number, locale: string) => `¥${amount.toLocaleString(locale)}`;
