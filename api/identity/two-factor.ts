import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30 s — what every authenticator app reads) with `otpauth`, and
 * the recovery codes: ten one-use codes, only their sha256 kept.
 *
 * A TOTP secret is what a stolen database backup would need to pass the second step, so it is
 * stored sealed (AES-256-GCM under the server's secrets key, `SECRETS_KEY` or DATA_DIR/secrets.key):
 * `v1.<iv>.<tag>.<ciphertext>`, base64url. A code is good for one sign-in: the step it belongs to is
 * claimed in the database (`users.totp_last_step`), so neither it nor an older one passes again.
 */
const ISSUER = 'LexFlow';
const PERIOD_MS = 30_000;
const SEALED = /^v1\.([\w-]+)\.([\w-]+)\.([\w-]+)$/;

function totpOf(secret: string, email: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_MS / 1000,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

export interface TwoFactor {
  /** A new secret: shown once to the user (`secret`, `uri`), stored `sealed`. */
  newSecret(email: string): { secret: string; uri: string; sealed: string };
  /**
   * The time step a code belongs to — the current period or one either side (clocks drift) — or
   * null when it is none of them. The caller claims the step so the code is spent.
   */
  stepOf(sealed: string, email: string, code: string, now?: number): number | null;
}

export function createTwoFactor(key: Buffer): TwoFactor {
  if (key.length !== 32) throw new Error('the secrets key must be 32 bytes');
  const seal = (plain: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  };
  const open = (sealed: string) => {
    const m = SEALED.exec(sealed);
    // Secrets enrolled before sealing (migration 0016 stored base32) still work until re-enrolled.
    if (!m) return sealed;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(m[1], 'base64url'));
    decipher.setAuthTag(Buffer.from(m[2], 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(m[3], 'base64url')), decipher.final()]).toString('utf8');
  };
  return {
    newSecret(email) {
      const secret = new OTPAuth.Secret({ size: 20 }).base32;
      return { secret, uri: totpOf(secret, email).toString(), sealed: seal(secret) };
    },
    stepOf(sealed, email, code, now = Date.now()) {
      const delta = totpOf(open(sealed), email).validate({ token: code, window: 1, timestamp: now });
      return delta === null ? null : Math.floor(now / PERIOD_MS) + delta;
    },
  };
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
