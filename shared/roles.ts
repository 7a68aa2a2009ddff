/** The roles the seed SOPs name. Stored values are English; display names live in the app's locale files. */
export const ROLES = ['admin', 'supervisor', 'agent', 'engineer', 'operations', 'success_manager'] as const;
export type Role = (typeof ROLES)[number];

/** Chinese titles as the seeds write them; used in seed data, CSV exports and as the zh-CN labels. */
export const ROLE_TITLES_ZH: Record<Role, string> = {
  admin: '管理员',
  supervisor: '客服主管',
  agent: '客服专员',
  engineer: '售后/技术工程师',
  operations: '运营专员',
  success_manager: '客户成功经理',
};

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
