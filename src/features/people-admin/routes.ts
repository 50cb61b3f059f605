/** The people-admin subpackage's pages (src/packages/people-admin, registered in app.config.ts). */
export const PEOPLE_ADMIN_PAGES = {
  people: '/packages/people-admin/pages/people/index',
  person: (id: string) => `/packages/people-admin/pages/person/index?id=${encodeURIComponent(id)}`,
} as const;

/** The repairs module's page for a repairer's skills, areas and shifts (the repairs module owns them). */
export const repairerPage = (personId: string) =>
  `/packages/repairs/pages/repairer/index?personId=${encodeURIComponent(personId)}`;
