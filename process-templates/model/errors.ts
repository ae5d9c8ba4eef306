import type { CompileError } from './schema';

/** Collects compile errors; every one names the element it is about ('' for the whole file). */
export class ErrorList {
  readonly items: CompileError[] = [];
  add(elementId: string | undefined, code: string, message: string): void {
    this.items.push({ elementId: elementId ?? '', code, message });
  }
  get empty(): boolean {
    return this.items.length === 0;
  }
}
