/**
 * A Vite plugin: the UI's area catalogues (`ui/src/i18n/<area>.ts`) export `zh` and `en` side by side.
 * A module lives in one chunk, so the English halves would ride along with zh-CN in the first load.
 * en.ts's imports of them are resolved to a second instance of each file (`?locale=en`): tree-shaking
 * then keeps only `zh` in the first load and only `en` in the English chunk (loaded on demand).
 */
export function localeSplitPlugin() {
  return {
    name: 'lexflow-locale-split',
    enforce: 'pre' as const,
    async resolveId(
      this: { resolve(source: string, importer: string, opts: { skipSelf: boolean }): Promise<{ id: string } | null> },
      source: string,
      importer: string | undefined,
    ) {
      if (!importer || !/[\\/]ui[\\/]src[\\/]i18n[\\/]en\.ts$/.test(importer) || !source.startsWith('./') || source === './zh-CN')
        return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved ? `${resolved.id}?locale=en` : null;
    },
  };
}
