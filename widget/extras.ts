/**
 * What only some pages use, loaded on demand so a plain page never pays for
 * it: the consent box (`consent-label`, `privacy-url`) and the free-mail
 * check before sending (`require-work-email`).
 */
import type { html as litHtml, nothing as litNothing } from 'lit';
import { COMMON_FREE_MAIL, OPTION_RULES_EN } from '../contract/options.js';
import type { FieldError } from '../contract/rules.js';

/** What these options read and set on the element. */
export interface OptionsHost {
  consentLabel: string;
  privacyUrl: string;
  requireWorkEmail: boolean;
  consented: boolean;
  errors: Partial<Record<string, string>>;
  words: { privacy_link: string };
  shadowRoot: ShadowRoot | null;
}

/** The consent box's look, added to the element's own styles when this module loads. */
const STYLES = `.consent label { display: flex; gap: .6em; align-items: flex-start; font-weight: 400; }
  .consent input { width: 1.25em; min-height: 1.25em; height: 1.25em; margin: .15em 0 0; flex: none; accent-color: var(--_accent); }
  .consent a { color: var(--_accent); }`;

/** Adds the consent box's styles to the element (constructable stylesheets, as Lit uses: fine under a strict CSP). */
export function adoptStyles(host: OptionsHost): void {
  const root = host.shadowRoot;
  if (!root || !('adoptedStyleSheets' in root)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/**
 * The required consent box, with the marketer's words and a link to the
 * policy (https only). Lit's template tag comes from the caller, so this
 * module does not pull a second copy of Lit (or a shared chunk) into the page.
 */
export function renderConsent(host: OptionsHost & { requestUpdate(): void }, lit: { html: typeof litHtml; nothing: typeof litNothing }) {
  const { html, nothing } = lit;
  const policy = /^https:\/\//.test(host.privacyUrl) ? host.privacyUrl : '';
  const error = host.errors.consent;
  const change = (e: Event) => {
    host.consented = (e.target as HTMLInputElement).checked;
    host.errors = { ...host.errors, consent: undefined };
  };
  return html`<div class="field consent" part="field">
    <label part="label"><input part="input" type="checkbox" name="consent" id="f-consent" required aria-required="true"
      aria-invalid=${!!error} aria-describedby=${error ? 'f-consent-error' : nothing} .checked=${host.consented} @change=${change} />
      <span>${host.consentLabel}${policy ? html` <a href=${policy} target="_blank" rel="noopener">${host.words.privacy_link}</a>` : nothing}</span></label>
    <span class="error" part="error" id="f-consent-error">${error ?? ''}</span>
  </div>`;
}

/** The refusals these options add before a request is sent. */
export function extraErrors(el: OptionsHost, email: string, already: FieldError[]): FieldError[] {
  const errors: FieldError[] = [];
  if (el.requireWorkEmail && !already.some((e) => e.path === 'contact_email') && COMMON_FREE_MAIL.test(email.toLowerCase()))
    errors.push({ path: 'contact_email', rule: 'contact_email_work_domain', message: OPTION_RULES_EN.contact_email_work_domain });
  if (el.consentLabel && !el.consented)
    errors.push({ path: 'consent', rule: 'consent_required', message: OPTION_RULES_EN.consent_required });
  return errors;
}
