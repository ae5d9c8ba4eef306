import type { PracticeArea } from '../../process-templates/model/schema';
import { formatFen } from '../money';
import {
  assertSafeInteger,
  BP_PER_WHOLE,
  floorDiv,
  isFen,
  mulDivFloor,
  mulDivRound,
  percentText,
  sumSafe,
  text,
  type LocalText,
} from './arith';
import { BAN_FAMILIES, keyHasWords, type BanFamily, type ContingencyBanCode } from './contingency-families';
import type { FeeProblem } from './problem';

/**
 * 风险代理 (contingency fees): where they are forbidden and how much they may total. Sources:
 * 《律师服务收费管理办法》(发改价格〔2006〕611号) 第十一–十三条 and 《关于进一步规范律师服务收费的意见》(2021)
 * 第（五）(六) 项 (shared/domain/china-legal.md §3.1).
 */
export interface ContingencyFacts {
  practiceArea: PracticeArea;
  /** The case type key (snake_case), e.g. 'loan_dispute', 'divorce', 'state_compensation'. */
  caseType: string;
  /** 案由 as typed, e.g. '离婚纠纷', '追索劳动报酬纠纷'. */
  causeOfAction?: string | null;
  /** A 群体性诉讼 (many claimants on one set of facts), flagged by the lawyer. */
  collective?: boolean;
  amountInDisputeFen?: number | null;
}

export interface ContingencyBan {
  code: ContingencyBanCode;
  family: LocalText;
  reason: LocalText;
  basis: LocalText;
}

const MEASURES = (art: string) => `《律师服务收费管理办法》第${art}条`;
const MEASURES_EN = (art: string) => `Measures for the Administration of Lawyers’ Service Fees (2006) art. ${art}`;
const OPINIONS = '《关于进一步规范律师服务收费的意见》（2021）';
const OPINIONS_EN = 'Opinions on Further Regulating Lawyers’ Service Fees (2021)';

export const BAN_BASIS: Readonly<Record<11 | 12, LocalText>> = {
  11: text(`${MEASURES('十一')}；${OPINIONS}第（五）项`, `${MEASURES_EN('11')}; ${OPINIONS_EN} item (5)`),
  12: text(`${MEASURES('十二')}；${OPINIONS}第（五）项`, `${MEASURES_EN('12')}; ${OPINIONS_EN} item (5)`),
};
export const CAP_BASIS = text(`${OPINIONS}第（六）项；${MEASURES('十三')}`, `${OPINIONS_EN} item (6); ${MEASURES_EN('13')}`);
const NO_PROPERTY_BASIS = text(
  `${MEASURES('十一')}（风险代理限于涉及财产关系的民事案件）`,
  `${MEASURES_EN('11')} (only civil matters involving property)`,
);

function refusal(family: BanFamily, zhWhy: string, enWhy: string): ContingencyBan {
  return {
    code: family.code,
    family: family.name,
    reason: text(
      `${zhWhy}，属于${family.name.zh}，不得实行或者变相实行风险代理收费。`,
      `${enWhy}, so the case falls under ${family.name.en}, where a contingency fee, open or disguised, is not allowed.`,
    ),
    basis: BAN_BASIS[family.article],
  };
}

const familyOf = (code: ContingencyBanCode) => BAN_FAMILIES.find((f) => f.code === code)!;

/**
 * Why a contingency fee is refused for this case, or null when it may be agreed. The practice area
 * decides first, then the collective flag, then the case-type key and the 案由 (first family that
 * matches), and last whether there is a property relationship at all (an amount in dispute).
 */
export function contingencyBan(facts: ContingencyFacts): ContingencyBan | null {
  if (facts.practiceArea === 'criminal') return refusal(familyOf('criminal'), '本案为刑事案件', 'This is a criminal matter');
  if (facts.practiceArea === 'administrative') {
    return refusal(familyOf('administrative'), '本案为行政案件', 'This is an administrative matter');
  }
  if (facts.collective) return refusal(familyOf('collective'), '本案为群体性诉讼', 'This is collective litigation');
  const cause = facts.causeOfAction?.trim() ?? '';
  for (const family of BAN_FAMILIES) {
    if (family.caseType.some((seq) => keyHasWords(facts.caseType, seq))) {
      return refusal(family, `案件类型为 ${facts.caseType}`, `The case type is ${facts.caseType}`);
    }
    if (cause && family.cause.test(cause)) {
      return refusal(family, `案由为“${cause}”`, `The cause of action is ${cause}`);
    }
  }
  if (!isFen(facts.amountInDisputeFen) || facts.amountInDisputeFen === 0) {
    return {
      code: 'no-property',
      family: text('不涉及财产关系的案件', 'matters with no property relationship'),
      reason: text(
        '本案没有争议标的额，不涉及财产关系，不得实行风险代理收费。',
        'The case has no amount in dispute, so no property relationship: a contingency fee is not allowed.',
      ),
      basis: NO_PROPERTY_BASIS,
    };
  }
  return null;
}

/** The 2021 marginal tiers: each portion of the 标的额 (in fen) at most its rate. */
export const CONTINGENCY_TIERS: readonly { fromFen: number; toFen: number | null; rateBp: number }[] = [
  { fromFen: 0, toFen: 100_000_000, rateBp: 1800 },
  { fromFen: 100_000_000, toFen: 500_000_000, rateBp: 1500 },
  { fromFen: 500_000_000, toFen: 1_000_000_000, rateBp: 1200 },
  { fromFen: 1_000_000_000, toFen: 5_000_000_000, rateBp: 900 },
  { fromFen: 5_000_000_000, toFen: null, rateBp: 600 },
];
/** 第十三条: at most 30 % of the contracted amount. The tiers never exceed 18 %, so this ceiling never binds; kept as the law states it. */
export const CONTINGENCY_CEILING_BP = 3000;

/** The most all contingency fees of a case may total for this 标的额: Σ portion × rate, rounded down to the fen. */
export function contingencyCapFen(amountFen: number): number {
  assertSafeInteger('amountFen', amountFen, 0);
  let scaled = 0n; // fen × basis points, exact
  for (const tier of CONTINGENCY_TIERS) {
    const top = tier.toFen === null ? amountFen : Math.min(amountFen, tier.toFen);
    if (top > tier.fromFen) scaled += BigInt(top - tier.fromFen) * BigInt(tier.rateBp);
  }
  const tiered = Number(floorDiv(scaled, BigInt(BP_PER_WHOLE)));
  return Math.min(tiered, mulDivFloor(amountFen, CONTINGENCY_CEILING_BP, BP_PER_WHOLE));
}

export interface ContingencyTerms {
  /** Fees due whatever the outcome (the contingency base, and in a hybrid every other agreed fee). */
  baseFeeFen: number;
  percentBp: number;
  amountInDisputeFen: number;
}

/** What the client pays if the whole amount in dispute is recovered: base + percent of it, rounded half up. */
export function contingencyFeeAtFullRecovery(t: ContingencyTerms): number {
  return sumSafe([t.baseFeeFen, mulDivRound(t.amountInDisputeFen, t.percentBp, BP_PER_WHOLE)]);
}

/**
 * The cap problem, or null when the fee at full recovery is within it. A partner's override is the
 * API's business: this only reports.
 */
export function checkContingencyFee(t: ContingencyTerms, path = ''): FeeProblem | null {
  const capFen = contingencyCapFen(t.amountInDisputeFen);
  const feeFen = contingencyFeeAtFullRecovery(t);
  if (feeFen <= capFen) return null;
  const [fee, cap, amount] = [feeFen, capFen, t.amountInDisputeFen].map((f) => formatFen(f, 'zh-CN'));
  const pct = percentText(t.percentBp);
  return {
    code: 'contingency-cap-exceeded',
    path,
    capFen,
    message: text(
      `按 ${pct}% 计，全额回收时风险代理收费合计 ${fee}，超过标的额 ${amount} 对应的最高收费 ${cap}。`,
      `At ${pct}% and full recovery the contingency fees total ${fee}, above the ${cap} allowed for an amount of ${amount}.`,
    ),
    basis: CAP_BASIS,
  };
}
