import { withoutSecrets } from './secret-paths';

it('hides invitation tokens and feed keys in logged paths, and leaves other paths alone', () => {
  expect(withoutSecrets('/api/v1/portal/invitations/abcDEF_123-x/accept')).toBe('/api/v1/portal/invitations/:secret/accept');
  expect(withoutSecrets('/portal/invite/abcDEF_123-x')).toBe('/portal/invite/:secret');
  expect(withoutSecrets('/api/v1/calendar/feed/Zk39aa.ics')).toBe('/api/v1/calendar/feed/:secret');
  expect(withoutSecrets('/api/v1/staff-invitations/abcDEF_123-x/accept')).toBe('/api/v1/staff-invitations/:secret/accept');
  expect(withoutSecrets('/invite/abcDEF_123-x')).toBe('/invite/:secret');
  expect(withoutSecrets('/api/v1/auth/password-reset/abcDEF_123-x')).toBe('/api/v1/auth/password-reset/:secret');
  expect(withoutSecrets('/reset-password/abcDEF_123-x?x=1')).toBe('/reset-password/:secret?x=1');
  expect(withoutSecrets('/api/v1/auth/password-reset')).toBe('/api/v1/auth/password-reset');
  expect(withoutSecrets('/api/v1/cases/1234/documents')).toBe('/api/v1/cases/1234/documents');
});
