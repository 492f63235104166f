import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import { toast } from '@/composables/use-toast';
import 'element-plus/dist/index.css';
import 'element-plus/theme-chalk/dark/css-vars.css';
import App from './App.vue';
import { i18n } from './i18n';
import { describeError } from './i18n/errors';
import { startStores } from './stores/start';
import './styles.css';

const pinia = createPinia();
createApp(App).use(pinia).use(i18n).use(ElementPlus).mount('#app');
// Once, for every store: without the accounts there is nothing to show, so their failure stays on screen.
startStores().catch((error: unknown) => toast.error(describeError(error), { sticky: true }));
