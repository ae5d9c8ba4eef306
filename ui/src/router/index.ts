import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Section } from '../../../domain/roles';
import { authGuard } from './guards/auth';
import { SECTIONS } from './sections';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    section?: Section;
    portal?: boolean;
  }
}

const sectionPages: Partial<Record<Section, () => Promise<unknown>>> = {
  dashboard: () => import('@/pages/DashboardPage.vue'),
  admin: () => import('@/pages/AdminPage.vue'),
  audit: () => import('@/pages/audit/AuditPage.vue'),
  people: () => import('@/pages/people/PeoplePage.vue'),
  templates: () => import('@/pages/templates/TemplatesPage.vue'),
  cases: () => import('@/pages/cases/CasesPage.vue'),
  clients: () => import('@/pages/clients/ClientsPage.vue'),
  reports: () => import('@/pages/reports/ReportsPage.vue'),
  deadlines: () => import('@/pages/deadlines/DeadlinesPage.vue'),
  tasks: () => import('@/pages/tasks/TasksPage.vue'),
  calendar: () => import('@/pages/calendar/CalendarPage.vue'),
  documents: () => import('@/pages/documents/DocumentsPage.vue'),
  billing: () => import('@/pages/billing/BillingPage.vue'),
};

const staffChildren: RouteRecordRaw[] = SECTIONS.map((s) => ({
  path: s.path === '/' ? '' : s.path.slice(1),
  name: s.key,
  meta: { section: s.key },
  component: (sectionPages[s.key] ?? (() => import('@/pages/SectionPage.vue'))) as () => Promise<never>,
  props: sectionPages[s.key] ? false : { section: s.key },
}));

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', meta: { public: true }, component: () => import('@/pages/LoginPage.vue') },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      ...staffChildren,
      // The designer is its own chunk: bpmn-js loads only when a template is opened.
      {
        path: 'templates/:key/edit',
        name: 'template-designer',
        meta: { section: 'templates' },
        component: () => import('@/pages/templates/TemplateDesignerPage.vue'),
      },
      { path: 'cases/:id', name: 'case', meta: { section: 'cases' }, component: () => import('@/pages/cases/CasePage.vue') },
      {
        path: 'conflict-checks',
        name: 'conflict-checks',
        meta: { section: 'clients' },
        component: () => import('@/pages/clients/ConflictChecksPage.vue'),
      },
      { path: 'clients/:id', name: 'client', meta: { section: 'clients' }, component: () => import('@/pages/clients/ClientPage.vue') },
      {
        path: 'admin/firm',
        name: 'firm-settings',
        meta: { section: 'admin' },
        component: () => import('@/pages/admin/FirmSettingsPage.vue'),
      },
      // Every colleague's staff profile (reading is for all staff; the page says who may change what).
      { path: 'people/:id', name: 'person', component: () => import('@/pages/people/StaffProfilePage.vue') },
      { path: 'forbidden', name: 'forbidden', component: () => import('@/pages/ForbiddenPage.vue') },
    ],
  },
  // The invitation link a client's contact opens from the mail: no sign-in, outside both apps' layouts.
  {
    path: '/portal/invite/:token',
    name: 'portal-invite',
    meta: { public: true },
    component: () => import('@/pages/portal/AcceptInvitationPage.vue'),
  },
  // A colleague's invitation and a password-reset link, opened from the mail: no sign-in.
  {
    path: '/invite/:token',
    name: 'staff-invite',
    meta: { public: true },
    component: () => import('@/pages/people/AcceptStaffInvitationPage.vue'),
  },
  {
    path: '/reset-password/:token',
    name: 'reset-password',
    meta: { public: true },
    component: () => import('@/pages/people/ResetPasswordPage.vue'),
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    meta: { public: true },
    component: () => import('@/pages/people/ForgotPasswordPage.vue'),
  },
  {
    path: '/portal',
    component: () => import('@/layouts/PortalLayout.vue'),
    meta: { portal: true },
    children: [
      { path: '', name: 'portal-home', meta: { portal: true }, component: () => import('@/pages/portal/PortalHomePage.vue') },
      { path: 'cases/:id', name: 'portal-case', meta: { portal: true }, component: () => import('@/pages/portal/PortalCasePage.vue') },
    ],
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', meta: { public: true }, component: () => import('@/pages/NotFoundPage.vue') },
];

export const router = createRouter({ history: createWebHistory(), routes });
router.beforeEach(authGuard);
