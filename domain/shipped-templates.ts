/**
 * The change note of a template version LexFlow ships (stored as written, both languages at once
 * for databases seeded before the UI worded it). The versions list shows it in the reader's
 * language instead: 'shipped with LexFlow' on a Chinese page was a leak (issue 18 item 6).
 */
export const SHIPPED_CHANGE_NOTE = '随系统提供 / shipped with LexFlow';

/** Whether a version's note is the shipped one (published by no one: the system). */
export const isShippedNote = (v: { changeNote: string | null; publishedBy: string | null }): boolean =>
  v.publishedBy === null && v.changeNote === SHIPPED_CHANGE_NOTE;
