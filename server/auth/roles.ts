/**
 * The three roles. admin: users, ETL, settings, payroll per person, rejected rows. manager: all
 * dashboards, drill-down, commentary, approving packs. board: the overview and approved packs,
 * aggregate only. What each may reach is data, in policy.ts.
 */
export const ROLES = ['admin', 'manager', 'board'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
