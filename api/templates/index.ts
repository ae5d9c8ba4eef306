/**
 * The templates domain: process templates, their drafts and published versions, the designer's
 * validation and simulation, and moving running cases to a newer version. This file is the only
 * entrance for the rest of the server; the HTTP schemas stay in `api/contracts/` (pure zod,
 * shared with the UI).
 */
export { templateRoutes as templatesRoutes } from './template-routes';
