import htm from 'htm';
import { h } from '@bpmn-io/properties-panel/preact';
import {
  CheckboxEntry,
  SelectEntry,
  TextAreaEntry,
  TextFieldEntry,
  isCheckboxEntryEdited,
  isSelectEntryEdited,
  isTextAreaEntryEdited,
  isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';

/** htm bound to the properties panel's own preact (a second preact would render entries empty). */
export const html = htm.bind(h);

export interface Option {
  value: string;
  label: string;
}

/** Reads a lexflow:* attribute of the element (or of `target`, e.g. an output). */
export const read = (target: any, attr: string): string => target?.get?.(`lexflow:${attr}`) ?? target?.get?.(attr) ?? '';

/**
 * Writes one attribute, and nothing when it would not change: the panel commits on blur too, and
 * a no-op command would still redraw the context pad under the user's click and swallow it.
 */
function write(modeling: any, element: any, target: any, key: string, value: unknown) {
  const bo = target ?? element.businessObject;
  const empty = (v: unknown) => v === undefined || v === null || v === '';
  const current = bo.get(key);
  const body = (v: any) => (v && typeof v === 'object' ? v.body : v);
  if (current === value || (empty(body(current)) && empty(body(value))) || (typeof value === 'object' && body(current) === body(value)))
    return;
  if (target) modeling.updateModdleProperties(element, target, { [key]: value });
  else modeling.updateProperties(element, { [key]: value });
}

function TextComponent(props: any) {
  const { element, id, label, description, attr, target, validate, toModel, fromModel, multiline } = props;
  const modeling = useService('modeling');
  const debounce = useService('debounceInput');
  const bo = target ?? element.businessObject;
  const key = target ? attr : `lexflow:${attr}`;
  const getValue = () => (fromModel ? fromModel(bo.get(key)) : (bo.get(key) ?? ''));
  const setValue = (value: string) => {
    write(modeling, element, target, key, toModel ? toModel(value) : value?.trim() ? value.trim() : undefined);
  };
  return html`<${multiline ? TextAreaEntry : TextFieldEntry}
    element=${element}
    id=${id}
    label=${label}
    description=${description}
    getValue=${getValue}
    setValue=${setValue}
    debounce=${debounce}
    validate=${validate}
    rows=${multiline ? 3 : undefined}
    autoResize=${multiline ? true : undefined}
  />`;
}

function SelectComponent(props: any) {
  const { element, id, label, description, attr, target, options, onChange, value, fallback } = props;
  const modeling = useService('modeling');
  const bo = target ?? element.businessObject;
  const key = target ? attr : `lexflow:${attr}`;
  const getValue = () => (value ? value() : bo.get(key) || fallback || '');
  const setValue = (v: string) => {
    if (onChange) return onChange(v, modeling);
    write(modeling, element, target, key, v || undefined);
  };
  const getOptions = () => options();
  return html`<${SelectEntry}
    element=${element}
    id=${id}
    label=${label}
    description=${description}
    getValue=${getValue}
    setValue=${setValue}
    getOptions=${getOptions}
  />`;
}

function CheckboxComponent(props: any) {
  const { element, id, label, description, attr, target, fallback, value, onChange, disabled } = props;
  const modeling = useService('modeling');
  const bo = target ?? element.businessObject;
  const key = target ? attr : `lexflow:${attr}`;
  const getValue = () => {
    if (value) return value();
    const v = bo.get(key);
    return v === undefined || v === '' ? fallback : v === 'true' || v === true;
  };
  const setValue = (checked: boolean) => {
    if (onChange) return onChange(checked, modeling);
    write(modeling, element, target, key, checked === fallback ? undefined : String(checked));
  };
  return html`<${CheckboxEntry}
    element=${element}
    id=${id}
    label=${label}
    description=${description}
    getValue=${getValue}
    setValue=${setValue}
    disabled=${disabled ? disabled() : false}
  />`;
}

export const text = (id: string, props: Record<string, unknown>) => ({
  id,
  component: TextComponent,
  isEdited: isTextFieldEntryEdited,
  ...props,
});
/** A text of several lines (descriptions). */
export const textArea = (id: string, props: Record<string, unknown>) => ({
  id,
  component: TextComponent,
  isEdited: isTextAreaEntryEdited,
  multiline: true,
  ...props,
});
export const select = (id: string, props: Record<string, unknown>) => ({
  id,
  component: SelectComponent,
  isEdited: isSelectEntryEdited,
  ...props,
});
export const checkbox = (id: string, props: Record<string, unknown>) => ({
  id,
  component: CheckboxComponent,
  isEdited: isCheckboxEntryEdited,
  ...props,
});
