/**
 * A Vue 3 page: Vue renders the form's element before widget.js is loaded.
 * `.prop` makes Vue set `labels` as the element's property (an object), the
 * way the README tells Vue users; `lang` is an attribute.
 */
import { createApp, onMounted, ref } from '/vue.js';

const app = createApp({
  setup() {
    const lang = ref('en');
    onMounted(() => {
      const script = document.createElement('script');
      script.type = 'module';
      script.src = '/widget.js';
      document.body.append(script);
    });
    return { lang, labels: { submit: 'Book it now' } };
  },
  template: `<button type="button" id="german" @click="lang = 'de'">Deutsch</button>
    <demo-booking id="vue" mode="request" :lang="lang" :labels.prop="labels"></demo-booking>`,
});
// As Vue's guide has it: the element is a custom element, not a Vue component.
app.config.compilerOptions.isCustomElement = (tag) => tag === 'demo-booking';
app.mount('#root');
