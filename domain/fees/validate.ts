import { BP_PER_WHOLE, isFen, percentText, sumSafe, text } from './arith';
import {
  FEE_KIND_NAMES,
  percentageFee,
  type ArrangementFacts,
  type FeeArrangement,
  type FeeComponent,
  type HourlyRate,
  type Instalment,
} from './arrangement';
import { CAP_BASIS, checkContingencyFee, contingencyBan } from './contingency';
import type { FeeProblem, FeeProblemCode } from './problem';

type Add = (code: FeeProblemCode, path: string, zh: string, en: string, extra?: Partial<FeeProblem>) => void;

const isBp = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= BP_PER_WHOLE;
const hasAmount = (facts: ArrangementFacts) => isFen(facts.amountInDisputeFen) && facts.amountInDisputeFen > 0;

/** Every problem of an arrangement for this case (empty when it may be saved), in the order of its components. */
export function validateArrangement(a: FeeArrangement, facts: ArrangementFacts): FeeProblem[] {
  const problems: FeeProblem[] = [];
  const add: Add = (code, path, zh, en, extra) => problems.push({ code, path, message: text(zh, en), ...extra });
  if (a.components.length === 0) add('empty-arrangement', 'components', '请至少选择一种收费方式。', 'Choose at least one way of charging.');
  const seen = new Set<string>();
  a.components.forEach((c, i) => {
    const path = `components[${i}]`;
    const duplicate = seen.has(c.kind);
    if (duplicate) {
      const name = FEE_KIND_NAMES[c.kind];
      add('duplicate-kind', `${path}.kind`, `${name.zh}只能约定一项。`, `Only one ${name.en} component is allowed.`);
    }
    seen.add(c.kind);
    if (c.kind === 'fixed') checkFixed(c, path, add);
    else if (c.kind === 'hourly') checkHourly(c, path, add);
    else {
      checkBp(c.percentBp, `${path}.percentBp`, add);
      if (c.kind === 'percentage') {
        checkFen(c.minimumFen, `${path}.minimumFen`, add, true);
        if (!hasAmount(facts)) {
          add(
            'amount-in-dispute-required',
            path,
            '按标的额比例收费需要案件的争议标的额。',
            'A percentage fee needs the case’s amount in dispute.',
          );
        }
      } else {
        checkFen(c.baseFeeFen, `${path}.baseFeeFen`, add);
        if (!duplicate) checkContingency(a, i, facts, add, (p) => problems.push(p));
      }
    }
  });
  return problems;
}

function checkFen(v: number | null | undefined, path: string, add: Add, optional = false): void {
  if (optional && v == null) return;
  if (!isFen(v)) add('amount-invalid', path, '金额须为不小于 0 的整数分。', 'An amount must be a whole number of fen, not negative.');
}

function checkBp(v: number, path: string, add: Add): void {
  if (!isBp(v)) add('percent-invalid', path, '比例须在 0.01% 至 100% 之间。', 'A percentage must be between 0.01% and 100%.');
}

function checkFixed(c: Extract<FeeComponent, { kind: 'fixed' }>, path: string, add: Add): void {
  checkFen(c.amountFen, `${path}.amountFen`, add);
  const stages = new Set<string | null>();
  c.instalments.forEach((inst: Instalment, j) => {
    const at = `${path}.instalments[${j}]`;
    if (!isBp(inst.percentBp))
      add(
        'instalment-percent-invalid',
        `${at}.percentBp`,
        '每期比例须大于 0 且不超过 100%。',
        'Each instalment must be above 0% and at most 100%.',
      );
    const label = typeof inst.label === 'string' ? [...inst.label.trim()].length : 0;
    if (label < 1 || label > 60)
      add('instalment-label-invalid', `${at}.label`, '每期名称须为 1–60 个字。', 'Each instalment needs a name of 1–60 characters.');
    if (inst.stageId === '')
      add('instalment-stage-invalid', `${at}.stageId`, '请选择收费阶段。', 'Choose the stage the instalment is due at.');
    const stage = inst.stageId ?? null;
    if (stages.has(stage)) {
      add(
        'instalment-stage-duplicate',
        `${at}.stageId`,
        '同一阶段（或签约时）只能约定一期。',
        'Only one instalment may fall due at each stage (or on signing).',
      );
    }
    stages.add(stage);
  });
  if (c.instalments.every((inst) => Number.isSafeInteger(inst.percentBp))) {
    const sum = c.instalments.reduce((s, inst) => s + inst.percentBp, 0);
    if (sum !== BP_PER_WHOLE) {
      add(
        'instalments-not-100',
        `${path}.instalments`,
        `各期比例合计 ${percentText(sum)}%，应为 100%。`,
        `The instalments add up to ${percentText(sum)}%, not 100%.`,
      );
    }
  }
}

function checkHourly(c: Extract<FeeComponent, { kind: 'hourly' }>, path: string, add: Add): void {
  checkFen(c.capFen, `${path}.capFen`, add, true);
  if (c.rates.length === 0)
    add('hourly-no-rates', `${path}.rates`, '计时收费须至少约定一个小时费率。', 'An hourly fee needs at least one rate.');
  const keys = new Set<string>();
  c.rates.forEach((r: HourlyRate, j) => {
    const at = `${path}.rates[${j}]`;
    checkFen(r.rateFen, `${at}.rateFen`, add);
    if (r.userId != null && r.role != null) {
      add('hourly-rate-target', at, '一个费率只能对应一名律师或一个角色。', 'A rate is for one lawyer or one role, not both.');
    }
    const key = r.userId != null ? `user:${r.userId}` : r.role != null ? `role:${r.role}` : 'default';
    if (keys.has(key)) add('hourly-rate-duplicate', at, '同一律师或角色的费率重复。', 'This lawyer or role already has a rate.');
    keys.add(key);
  });
}

/**
 * A contingency component: refused outright for a banned case, else all fees of the case at full
 * recovery against the 2021 cap — in a hybrid the fixed fee, the percentage fee and the hourly cap
 * count too (the cap is on 风险代理各个环节收取的服务费合计), so uncapped hourly work cannot be checked.
 */
function checkContingency(a: FeeArrangement, index: number, facts: ArrangementFacts, add: Add, push: (p: FeeProblem) => void): void {
  const path = `components[${index}]`;
  const c = a.components[index] as Extract<FeeComponent, { kind: 'contingency' }>;
  const ban = contingencyBan(facts);
  if (ban) {
    add('contingency-banned', path, ban.reason.zh, ban.reason.en, { basis: ban.basis, family: ban.code });
    return;
  }
  const parts: number[] = [c.baseFeeFen];
  for (const other of a.components) {
    if (other.kind === 'fixed') parts.push(other.amountFen);
    if (other.kind === 'percentage') {
      if (!isBp(other.percentBp) || !(other.minimumFen == null || isFen(other.minimumFen))) return; // reported above
      parts.push(percentageFee(facts.amountInDisputeFen!, other));
    }
    if (other.kind === 'hourly' && other.capFen == null) {
      const [zh, en] = [
        '风险代理与计时收费并用时须约定计时收费上限，才能核对收费总额上限。',
        'With a contingency fee, hourly work needs an agreed cap, or the total cannot be held to the legal maximum.',
      ];
      add('contingency-hourly-uncapped', path, zh, en, { basis: CAP_BASIS });
      return;
    }
    if (other.kind === 'hourly') parts.push(other.capFen!);
  }
  // An invalid amount or percentage was reported above: nothing sound to compare with the cap.
  if (!parts.every(isFen) || !isBp(c.percentBp)) return;
  const terms = { baseFeeFen: sumSafe(parts), percentBp: c.percentBp, amountInDisputeFen: facts.amountInDisputeFen! };
  const problem = checkContingencyFee(terms, path);
  if (problem) push(problem);
}
