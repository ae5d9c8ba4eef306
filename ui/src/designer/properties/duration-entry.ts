import { useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import {
  DURATION_UNITS,
  formatDuration,
  isDurationAmount,
  parseDuration,
  toIsoDuration,
  type DurationCalendar,
  type DurationUnit,
  type DurationValue,
} from '../duration';
import { html } from './entries';

export interface DurationTexts {
  t: (key: string, params?: Record<string, unknown>) => string;
  locale: () => string;
}

/**
 * One duration as a number, a unit and (for days, where the rule allows it) calendar or working
 * days. `read` gives the stored ISO text and calendar; `write` receives the new ones (undefined to
 * clear) and issues ONE command, so undo restores the previous value. The ISO text never shows:
 * a stored value the inputs cannot say (e.g. P1Y2D) is shown as it is, with a note.
 */
function DurationRow(props: any) {
  const { id, texts, units, workdays, value, onWrite, onRemove } = props as {
    id: string;
    texts: DurationTexts;
    units: readonly DurationUnit[];
    workdays: boolean;
    value: { iso: string; calendar?: string };
    onWrite: (v: DurationValue | undefined) => void;
    onRemove?: () => void;
  };
  const { t, locale } = texts;
  const parsed = parseDuration(value.iso, value.calendar);
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState('');
  const current: DurationValue = parsed ?? { amount: 0, unit: units[0], calendar: 'calendar' };
  const commit = (next: Partial<DurationValue>) => {
    const v = { ...current, ...next };
    if (v.unit !== 'days') v.calendar = 'calendar';
    if (!isDurationAmount(v.amount)) {
      setError(t('designer2.duration.badAmount'));
      return;
    }
    setError('');
    setTyped(null);
    onWrite(v);
  };
  const amountText = typed ?? (parsed ? String(parsed.amount) : '');
  const unitOptions = units.map(
    (u) => html`<option value=${u} selected=${u === current.unit}>${t(`designer2.duration.units.${u}`)}</option>`,
  );
  const showCalendar = workdays && current.unit === 'days';
  return html`<div class="lexflow-duration" data-test=${`duration-${id}`}>
    <div class="lexflow-duration-row">
      <input
        id=${`bio-properties-panel-${id}-amount`}
        class="bio-properties-panel-input lexflow-duration-amount"
        type="number"
        min="1"
        step="1"
        inputmode="numeric"
        aria-label=${t('designer2.duration.amount')}
        value=${amountText}
        onInput=${(e: any) => setTyped(e.target.value)}
        onChange=${(e: any) => {
          const text = String(e.target.value).trim();
          if (!text && onRemove) return onRemove();
          if (!text) {
            setTyped(null);
            setError('');
            return onWrite(undefined);
          }
          commit({ amount: Number(text) });
        }}
      />
      <select
        id=${`bio-properties-panel-${id}-unit`}
        class="bio-properties-panel-input lexflow-duration-unit"
        aria-label=${t('designer2.duration.unit')}
        onChange=${(e: any) => commit({ unit: e.target.value as DurationUnit, amount: Number(amountText) || 1 })}
      >
        ${unitOptions}
      </select>
      ${
        onRemove
          ? html`<button
              type="button"
              class="bio-properties-panel-remove-entry lexflow-duration-remove"
              title=${t('designer2.duration.remove')}
              aria-label=${t('designer2.duration.remove')}
              data-test=${`duration-${id}-remove`}
              onClick=${onRemove}
            >
              ×
            </button>`
          : null
      }
    </div>
    ${
      showCalendar
        ? html`<select
            id=${`bio-properties-panel-${id}-calendar`}
            class="bio-properties-panel-input lexflow-duration-calendar"
            aria-label=${t('designer2.duration.calendar')}
            onChange=${(e: any) => commit({ calendar: e.target.value as DurationCalendar, amount: Number(amountText) || 1 })}
          >
            ${(['calendar', 'workdays'] as const).map(
              (c) => html`<option value=${c} selected=${c === current.calendar}>${t(`designer2.duration.calendars.${c}`)}</option>`,
            )}
          </select>`
        : null
    }
    ${
      error
        ? html`<div class="bio-properties-panel-error">${error}</div>`
        : parsed
          ? html`<div class="lexflow-duration-text" data-test=${`duration-${id}-text`}>${formatDuration(parsed, locale())}</div>`
          : value.iso
            ? html`<div class="bio-properties-panel-error">${t('designer2.duration.unreadable', { value: value.iso })}</div>`
            : null
    }
  </div>`;
}

/** A single duration entry (due rule, escalation, timer). */
function DurationComponent(props: any) {
  const { element, id, label, description, texts, units, workdays, read, write } = props;
  const modeling = useService('modeling');
  const value = read(element);
  return html`<div class="bio-properties-panel-entry" data-entry-id=${id}>
    <label class="bio-properties-panel-label" for=${`bio-properties-panel-${id}-amount`}>${label}</label>
    <${DurationRow}
      id=${id}
      texts=${texts}
      units=${units}
      workdays=${workdays}
      value=${value}
      onWrite=${(v: DurationValue | undefined) => write(modeling, v ? toIsoDuration(v) : undefined)}
    />
    ${description ? html`<div class="bio-properties-panel-description">${description}</div>` : null}
  </div>`;
}

/** A list of durations written as one comma-separated attribute (reminder offsets). */
function DurationListComponent(props: any) {
  const { element, id, label, description, texts, units, read, write } = props;
  const modeling = useService('modeling');
  const list: string[] = read(element);
  const save = (next: string[]) => write(modeling, next.length ? next.join(',') : undefined);
  return html`<div class="bio-properties-panel-entry" data-entry-id=${id}>
    <label class="bio-properties-panel-label" for=${`bio-properties-panel-${id}-0-amount`}>${label}</label>
    ${list.map(
      (iso, i) =>
        html`<${DurationRow}
          key=${`${i}-${iso}`}
          id=${`${id}-${i}`}
          texts=${texts}
          units=${units}
          workdays=${false}
          value=${{ iso }}
          onWrite=${(v: DurationValue | undefined) =>
            save(v ? list.map((x, j) => (j === i ? toIsoDuration(v).iso : x)) : list.filter((_, j) => j !== i))}
          onRemove=${() => save(list.filter((_, j) => j !== i))}
        />`,
    )}
    <button
      type="button"
      class="lexflow-duration-add"
      data-test=${`${id}-add`}
      onClick=${() => save([...list, list.length ? 'P1D' : 'P2D'])}
    >
      + ${texts.t('designer2.duration.addReminder')}
    </button>
    ${description ? html`<div class="bio-properties-panel-description">${description}</div>` : null}
  </div>`;
}

const isEdited = () => false;

export const duration = (id: string, props: Record<string, unknown>) => ({
  id,
  component: DurationComponent,
  isEdited,
  units: DURATION_UNITS,
  workdays: false,
  ...props,
});

export const durationList = (id: string, props: Record<string, unknown>) => ({
  id,
  component: DurationListComponent,
  isEdited,
  ...props,
});
