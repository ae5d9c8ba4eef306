import { createApp } from 'vue';
import App from './App.vue';
import { registerPlugins } from './plugins';
import { loadLocale, storedLocale } from './plugins/i18n';
import './styles.css';

const app = createApp(App);
registerPlugins(app);
// The saved language's catalogue first (English is loaded on demand), so the first paint is in it.
void loadLocale(storedLocale()).finally(() => app.mount('#app'));
