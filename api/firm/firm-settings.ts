/** The firm's time zone (a settings read; the worker reads it from db/ directly, without loading the API). */
export { firmTimeZone } from '../../db/repositories/settings';
