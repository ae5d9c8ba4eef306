/**
 * The billing domain: fee arrangements (checked against the PRC fee rules of domain/fees), the
 * timer and time entries, expenses, the draft invoice lines the engine and approvals offer,
 * invoices with their PDF, payments and write-offs. The only entrance for the rest of the server.
 */
import type { Router } from 'express';
import type { AppDeps } from '../app';
import type { RouteRegistry } from '../routing';
import { billingRoutes } from './billing-routes';

export { addTimeEntry } from './time';
export { invoicePdfOf } from './invoices';

export function billingDomainRoutes(registry: RouteRegistry, deps: Pick<AppDeps, 'db' | 'storage' | 'config'>): Router {
  return billingRoutes(registry, { db: deps.db, storage: deps.storage, firmTimezone: deps.config.firmTimezone });
}
