/**
 * Bounds a template's XML before it is parsed. bpmn-moddle is quadratic on duplicate ids and
 * recursive on nesting, so one crafted upload could hold the server's event loop for a minute or
 * overflow its stack; a linear scan of the tags refuses such documents first, naming the limit.
 * The shipped templates use about 1/20 of every limit.
 */
export const XML_LIMITS = { chars: 1_000_000, elements: 10_000, depth: 40 } as const;

export interface BoundsProblem {
  code: 'xml-too-large' | 'xml-too-many-elements' | 'xml-too-deep' | 'xml-duplicate-id';
  message: string;
  elementId?: string;
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const ID = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/;

export function checkXmlBounds(xml: string): BoundsProblem | null {
  if (xml.length > XML_LIMITS.chars) {
    return {
      code: 'xml-too-large',
      message: `the document has ${xml.length.toLocaleString('en')} characters; at most ${XML_LIMITS.chars.toLocaleString('en')} are allowed`,
    };
  }
  const ids = new Set<string>();
  let elements = 0;
  let depth = 0;
  for (const m of xml.matchAll(TAG)) {
    const [, closing, , attrs, selfClosing] = m;
    if (closing) {
      depth--;
      continue;
    }
    elements++;
    if (elements > XML_LIMITS.elements) {
      return {
        code: 'xml-too-many-elements',
        message: `the document has more than ${XML_LIMITS.elements.toLocaleString('en')} elements, the most allowed`,
      };
    }
    if (!selfClosing) depth++;
    if (depth > XML_LIMITS.depth) {
      return { code: 'xml-too-deep', message: `elements are nested more than ${XML_LIMITS.depth} deep, the most allowed` };
    }
    const id = ID.exec(attrs ?? '');
    const value = id?.[1] ?? id?.[2];
    if (value !== undefined) {
      if (ids.has(value))
        return { code: 'xml-duplicate-id', message: `the id "${value.slice(0, 80)}" is used by more than one element`, elementId: value };
      ids.add(value);
    }
  }
  return null;
}
