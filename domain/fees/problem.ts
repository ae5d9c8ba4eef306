import type { LocalText } from './arith';
import type { ContingencyBanCode } from './contingency-families';

/** What validateArrangement and checkContingencyFee report; the API maps each code to its problem type. */
export type FeeProblemCode =
  | 'empty-arrangement'
  | 'duplicate-kind'
  | 'amount-invalid'
  | 'percent-invalid'
  | 'instalments-not-100'
  | 'instalment-percent-invalid'
  | 'instalment-label-invalid'
  | 'instalment-stage-invalid'
  | 'instalment-stage-duplicate'
  | 'hourly-no-rates'
  | 'hourly-rate-target'
  | 'hourly-rate-duplicate'
  | 'amount-in-dispute-required'
  | 'contingency-banned'
  | 'contingency-hourly-uncapped'
  | 'contingency-cap-exceeded';

export interface FeeProblem {
  code: FeeProblemCode;
  /** Where in the arrangement, e.g. 'components[0].instalments[2].percentBp' ('' for the whole). */
  path: string;
  message: LocalText;
  /** The legal basis, for the contingency problems. */
  basis?: LocalText;
  /** The cap in fen, for contingency-cap-exceeded. */
  capFen?: number;
  /** Which banned family, for contingency-banned. */
  family?: ContingencyBanCode;
}
