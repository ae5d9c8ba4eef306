import fs from 'node:fs';
import path from 'node:path';
import { parseCommonPasswords, passwordProblem, PASSWORD_MIN_LENGTH, type PasswordProblem } from '../../domain/passwords/policy';
import { AppError } from '../app-error';

const LIST = path.join('domain', 'passwords', 'common-passwords.txt');
let common: Set<string> | undefined;

/** The shipped common-password list, read once (from the sources, or beside dist/ in an image). */
export function commonPasswords(): Set<string> {
  if (common) return common;
  const candidates = [path.resolve(__dirname, '..', '..', LIST), path.resolve(__dirname, '..', '..', '..', LIST)];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`the common-password list ${LIST} is missing`);
  common = parseCommonPasswords(fs.readFileSync(file, 'utf8'));
  return common;
}

const EXPLAINED: Record<PasswordProblem, string> = {
  'too-short': `at least ${PASSWORD_MIN_LENGTH} characters`,
  'too-long': 'at most 1024 characters',
  common: 'this password is one of the most common ones: choose another',
  'contains-email': 'must not contain the part of your e-mail address before the @',
};

/** The reason in words (English: the CLI and the problem's detail; the UI translates by the code). */
export function explainPasswordProblem(problem: PasswordProblem): string {
  return EXPLAINED[problem];
}

/** Refuses a password the policy does not accept (422 weak-password, the reason at `body.<field>`). */
export function assertPasswordAccepted(password: string, email: string, field = 'password'): void {
  const problem = passwordProblem(password, email, commonPasswords());
  if (problem)
    throw new AppError('weak-password', `The password does not meet the rule: ${EXPLAINED[problem]}`, {
      errors: [{ path: `body.${field}`, message: problem }],
    });
}
