/** Role identifiers used in code and on the wire (product.md). One person can hold several. */
export const ROLES = ['staff', 'visitor', 'repairer', 'dispatcher', 'canteen', 'guard', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  staff: '干部职工',
  visitor: '访客',
  repairer: '维修工',
  dispatcher: '调度',
  canteen: '食堂',
  guard: '门岗',
  admin: '管理员',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasAnyRole(held: readonly Role[], allowed: readonly Role[]): boolean {
  return held.some((role) => allowed.includes(role));
}
