import { useI18n } from 'vue-i18n';
import { HEARING_TYPES, hearingTitle, type HearingType } from '../../../../domain/hearings';

export { HEARING_TYPES, type HearingType };

/** One colour per hearing type on the calendar and its legend (开庭 keeps the hearing red). */
export const HEARING_COLORS: Record<HearingType, string> = {
  court_session: 'red-darken-1',
  pretrial: 'purple',
  mediation: 'green-darken-1',
  judgment: 'indigo',
  meeting: 'brown',
};

/**
 * A hearing's calendar title in the viewer's language: "开庭 · 2026民0003 · 第十法庭" /
 * "Court session · 2026民0003 · 第十法庭" (the courtroom is data, shown as entered).
 */
export function useHearingTitle() {
  const { t } = useI18n();
  return (h: { type: HearingType; courtroom: string | null }, caseNumber: string | null) =>
    hearingTitle(t(`hearings.types.${h.type}`), caseNumber, h.courtroom);
}
