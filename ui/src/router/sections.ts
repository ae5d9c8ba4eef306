import {
  mdiAccountGroupOutline,
  mdiAccountMultipleOutline,
  mdiBriefcaseOutline,
  mdiCalendarClockOutline,
  mdiCalendarMonthOutline,
  mdiCashMultiple,
  mdiChartBar,
  mdiCheckboxMarkedOutline,
  mdiFileDocumentOutline,
  mdiHistory,
  mdiShieldAccountOutline,
  mdiSitemapOutline,
  mdiViewDashboardOutline,
} from '@mdi/js';
import type { Section } from '../../../domain/roles';

/** The staff app's sections, in navigation order (later issues replace their empty pages). */
export const SECTIONS: ReadonlyArray<{ key: Section; path: string; icon: string }> = [
  { key: 'dashboard', path: '/', icon: mdiViewDashboardOutline },
  { key: 'cases', path: '/cases', icon: mdiBriefcaseOutline },
  { key: 'clients', path: '/clients', icon: mdiAccountGroupOutline },
  { key: 'calendar', path: '/calendar', icon: mdiCalendarMonthOutline },
  { key: 'tasks', path: '/tasks', icon: mdiCheckboxMarkedOutline },
  { key: 'deadlines', path: '/deadlines', icon: mdiCalendarClockOutline },
  { key: 'documents', path: '/documents', icon: mdiFileDocumentOutline },
  { key: 'billing', path: '/billing', icon: mdiCashMultiple },
  { key: 'templates', path: '/templates', icon: mdiSitemapOutline },
  { key: 'reports', path: '/reports', icon: mdiChartBar },
  { key: 'audit', path: '/audit', icon: mdiHistory },
  { key: 'people', path: '/people', icon: mdiAccountMultipleOutline },
  { key: 'admin', path: '/admin', icon: mdiShieldAccountOutline },
];
