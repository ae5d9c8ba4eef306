import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';
import { localeSplitPlugin } from './cli/runtime/locale-split';
import { mdiIconsPlugin } from './cli/runtime/mdi-icons';
import { precompressPlugin } from './cli/runtime/precompress';

const port = Number(process.env.PORT ?? 3000);
const outDir = fileURLToPath(new URL('./dist/ui', import.meta.url));

// The SPA lives in ui/; it is built into dist/ui, which the API serves (with the .br/.gz files the
// build writes beside each asset).
export default defineConfig({
  root: fileURLToPath(new URL('./ui', import.meta.url)),
  plugins: [localeSplitPlugin(), mdiIconsPlugin(), vue(), vuetify({ autoImport: true }), precompressPlugin(outDir)],
  // vue-i18n's compile-time flags: the app uses the Composition API only (legacy: false) and no <i18n-t>
  // components or v-t, so the legacy API and the global components stay out of the first load.
  define: { __VUE_I18N_FULL_INSTALL__: false, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
  resolve: { alias: { '@': fileURLToPath(new URL('./ui/src', import.meta.url)) } },
  build: {
    outDir,
    emptyOutDir: true,
    // The designer chunk (bpmn-js, properties panel, the compiler and the holiday data) loads only on its page.
    chunkSizeWarningLimit: 2000,
    // .vite/manifest.json: which chunks each page loads (the JS budget test and bench:ui read it).
    manifest: true,
  },
  server: { port: port + 2173, proxy: { '/api': `http://127.0.0.1:${port}` } },
});
