import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import { i18n, localeReady } from './i18n/index';
import './styles/main.css';

// A person who chose English gets the page in English from its first paint (their messages are a
// chunk of their own); for the French default this resolves at once.
void localeReady.then(() => createApp(App).use(createPinia()).use(i18n).use(router).mount('#app'));
