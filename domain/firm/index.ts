export { USCC_ALPHABET, isValidUscc, usccCheckCharacter } from './uscc';
export {
  CASE_NUMBER_DIGITS,
  CASE_NUMBER_PREFIX_RE,
  caseNumberPatternProblem,
  defaultCaseNumberPattern,
  formatCaseNumber,
  type CaseNumberPattern,
} from './case-number';
export { LICENCE_NO_RE, isValidLicenceNo } from './licence';
export { isIanaTimeZone } from './time-zone';
export { DEFAULT_WORKING_HOURS, WEEKDAYS, type Weekday, type WorkingHours } from './working-hours';
