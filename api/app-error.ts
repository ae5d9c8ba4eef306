/** The one error type of the API. `code` picks the HTTP status and the problem `type`. */
export const ERROR_CODES = {
  'validation-error': { status: 400, title: 'Request validation failed' },
  'malformed-json': { status: 400, title: 'Malformed JSON body' },
  'bad-request': { status: 400, title: 'The request cannot be read' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  'invalid-credentials': { status: 401, title: 'Wrong email or password' },
  'totp-invalid': { status: 401, title: 'The sign-in code is not right' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  'idempotency-key-in-use': { status: 409, title: 'A request with this Idempotency-Key is still running' },
  'conflict-of-interest': { status: 409, title: 'The conflict check found a conflict of interest that is not waived' },
  'invitation-used': { status: 410, title: 'The invitation link was already used' },
  'invitation-expired': { status: 410, title: 'The invitation link has expired or was withdrawn' },
  'reset-link-used': { status: 410, title: 'The password-reset link was already used' },
  'reset-link-expired': { status: 410, title: 'The password-reset link has expired' },
  'last-admin': { status: 409, title: 'The firm must keep at least one active administrator' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'file-too-large': { status: 413, title: 'The file is larger than the upload limit' },
  'file-type-refused': { status: 415, title: 'Files of this type are not accepted' },
  'empty-file': { status: 422, title: 'The file is empty' },
  'range-not-satisfiable': { status: 416, title: 'The requested range is outside the file' },
  'document-template-invalid': { status: 422, title: 'The document template cannot be used' },
  'contingency-banned': { status: 422, title: 'A contingency fee (风险代理) is not allowed for this case' },
  'contingency-cap-exceeded': { status: 422, title: 'The contingency fee is above the 2021 cap' },
  'fee-arrangement-invalid': { status: 422, title: 'The fee arrangement cannot be used as it is' },
  overpayment: { status: 422, title: 'The payment is more than the invoice owes' },
  'weak-password': { status: 422, title: 'The password does not meet the rule' },
  'unprocessable-entity': { status: 422, title: 'The request cannot be carried out as asked' },
  'idempotency-key-reused': { status: 422, title: 'The Idempotency-Key was already used for a different request' },
  'template-invalid': { status: 422, title: 'The template has errors' },
  'no-template': { status: 422, title: 'No published template serves this practice area and case type' },
  'login-locked': { status: 429, title: 'Too many failed logins' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'service-unavailable': { status: 503, title: 'A service LexFlow depends on is unavailable' },
  'case-start-pending': { status: 503, title: 'The case is saved; its process starts as soon as the process engine answers' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: {
      errors?: FieldError[];
      retryAfterSeconds?: number;
      /** Members the problem body carries beside the standard ones (RFC 9457 extensions), e.g. a cap in fen. */
      extensions?: { capFen?: number; basis?: string };
      [k: string]: unknown;
    } = {},
    options?: { cause?: unknown },
  ) {
    super(message ?? ERROR_CODES[code].title, options);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}
