/**
 * 律师执业证号: the PRC lawyer's licence number is 17 digits (e.g. 11101201810123456: region, licence
 * kind, year of first licence, sex, serial).
 */
export const LICENCE_NO_RE = /^\d{17}$/;

export function isValidLicenceNo(value: string): boolean {
  return LICENCE_NO_RE.test(value);
}
