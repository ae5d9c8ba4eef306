import { createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s — what every authenticator app reads) with `otpauth`, and
 * the recovery codes: ten one-use codes, only their sha256 kept.
 */
const ISSUER = 'LexFlow';

function totpOf(secret: string, email: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, email: string): string {
  return totpOf(secret, email).toString();
}

/** A code of the current period or the one either side (clocks drift). */
export function totpCodeValid(secret: string, email: string, code: string): boolean {
  return totpOf(secret, email).validate({ token: code, window: 1 }) !== null;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}

/** Ten codes like `k7m2-x9qp`, shown once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(8);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  });
}
