/**
 * Roles a template assigns work to, resolved from the case team (lead = the lead lawyer). Its own
 * file without zod: domain/roles.ts (and through it the UI's router, on every first screen) needs the
 * list, not the schema and its validator library.
 */
export const ASSIGNEE_ROLES = ['lead', 'lawyer', 'assistant', 'partner', 'finance'] as const;
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];
