/**
 * Paths that carry a secret in them — a portal or staff invitation's one-time token, a password-reset
 * link's token, a calendar feed's key — with the secret replaced, for the request log and the audit log: whoever reads a log must not be
 * able to accept an invitation or read a feed with what it shows.
 */
const SECRET_SEGMENTS: RegExp[] = [
  /(\/portal\/invitations\/)[^/?]+/,
  /(\/portal\/invite\/)[^/?]+/,
  /(\/calendar\/feed\/)[^/?]+/,
  /(\/staff-invitations\/)[^/?]+/,
  /(\/invite\/)[^/?]+/,
  /(\/password-reset\/)[^/?]+/,
  /(\/reset-password\/)[^/?]+/,
];

export function withoutSecrets(path: string): string {
  return SECRET_SEGMENTS.reduce((p, re) => p.replace(re, '$1:secret'), path);
}
