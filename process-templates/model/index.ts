export * from './schema';
export * from './expression';
export { compile, type CompileResult } from './compiler';
