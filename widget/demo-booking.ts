/**
 * <demo-booking>: the "book a demo" form of the Sales Website.
 *
 * @fires demo-booking-submit - a submission starts (detail: {})
 * @fires demo-booking-success - the booking was stored (detail: { id })
 * @fires demo-booking-error - the submission was refused or could not be sent (detail: { status, rules })
 * @csspart form - the form
 * @csspart heading - the heading
 * @csspart field - each label + control + error group
 * @csspart label - each label
 * @csspart input - each input, select and textarea
 * @csspart error - each field's error message
 * @csspart button - the submit button
 * @csspart status - the live status line
 * @csspart success - the thank-you panel
 */
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { DIRECTION, type Dictionary, INTL, type Locale, pickLocale, ruleWords } from '../contract/i18n.js';
import { type BookingInput, LIMITS, ORGANIZATION_SIZES } from '../contract/limits.js';
import { checkVisitorFields, type FieldError, REQUIRED_FIELDS, type VisitorField } from '../contract/rules.js';
import { EN_LABELS, type Labels } from '../contract/words/en.js';
import { attribution, remember, siteStorage } from './attribution.js';
import { styles } from './demo-booking.styles.js';
import { Attempts, postBooking } from './submission.js';

const FIELDS: [VisitorField, string, string?][] = [
  ['contact_name', 'text', 'name'],
  ['contact_email', 'email', 'email'],
  ['organization_name', 'text', 'organization'],
  ['contact_phone', 'tel', 'tel'],
  ['organization_size', 'select'],
  ['preferred_date', 'datetime-local'],
  ['message', 'textarea'],
];

// The script remembers campaigns and the visit on every page it is loaded on.
remember(new URL(location.href), document.referrer, siteStorage(), siteStorage('sessionStorage'));

const scriptOrigin = new URL(import.meta.url).origin;

/** Each language's dictionary as its own module, so an English page loads none. */
const DICTIONARY_LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<Dictionary>> = {
  de: () => import('../contract/words/de.js').then((m) => m.de),
  fr: () => import('../contract/words/fr.js').then((m) => m.fr),
  es: () => import('../contract/words/es.js').then((m) => m.es),
  ar: () => import('../contract/words/ar.js').then((m) => m.ar),
};

/** "2026-11-28T14:05" for a datetime-local control, in the visitor's zone. */
const localInputValue = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

declare global {
  interface HTMLElementTagNameMap {
    'demo-booking': DemoBooking;
  }
  interface Window {
    dataLayer?: unknown[];
  }
}

export class DemoBooking extends LitElement {
  static override styles = styles;

  // Declared without decorators: the same reactive properties, a smaller bundle.
  static override properties = {
    apiBase: { attribute: 'api-base' },
    // As written: a JSON string (the attribute, or a framework's property) or an object; read by willUpdate().
    labels: {},
    turnstileSiteKey: { attribute: 'turnstile-site-key' },
    consentLabel: { attribute: 'consent-label' },
    privacyUrl: { attribute: 'privacy-url' },
    requireWorkEmail: { attribute: 'require-work-email', type: Boolean },
    consented: { state: true },
    values: { state: true },
    errors: { state: true },
    status: { state: true },
    statusBad: { state: true },
    busy: { state: true },
    failedOnNetwork: { state: true },
    doneEmail: { state: true },
    mode: {},
    slotMode: { state: true },
    picking: { state: true },
  };

  /** Base URL of the booking API; defaults to the origin this script was loaded from. */
  apiBase = '';

  /** Overrides for any of the widget's words: JSON (`labels='{"submit":"Book now"}'`), or an object set as the property. */
  labels: Partial<Labels> | string = {};
  /** The `labels` overrides as read. */
  private overrides: Partial<Labels> = {};

  /** Turnstile site key; when set, the form shows the Turnstile check and sends its token. */
  turnstileSiteKey = '';

  /** The consent box's words; when set, the box must be ticked and the booking keeps these words as proof. */
  consentLabel = '';

  /** The privacy policy linked beside the consent box (https). */
  privacyUrl = '';

  /** Refuse free-mail addresses before sending (the server's REQUIRE_WORK_EMAIL decides for good). */
  requireWorkEmail = false;

  /** `request`: always the preferred-time form; otherwise free times of the team are offered when it has any. */
  mode = '';

  /** Whether the team offers free times: unknown until the API says, or `request` for the preferred-time form. */
  private slotMode: '' | 'slots' | 'request' = '';
  /** The visitor is choosing a time (their details are in). */
  private picking = false;
  /** @internal The slot picker: its own module, loaded when the team has free times. */
  picker?: typeof import('./slot-picker.js');
  /** @internal Where the picker stands. */
  pick?: import('./slot-picker.js').PickState;
  private booked?: import('./slot-picker.js').Booked;

  /** @internal Whether the consent box is ticked (read by the consent module). */
  consented = false;

  /** Consent and work-email checks: their own small module, loaded only by pages that use them. */
  private extras?: typeof import('./extras.js');
  private extrasLoad?: Promise<void>;

  private values: Partial<Record<VisitorField, string>> = {};
  /** @internal Each field's refusal, shown beside it. */
  errors: Partial<Record<string, string>> = {};
  private status = '';
  private statusBad = false;
  private busy = false;
  private failedOnNetwork = false;
  private doneEmail = '';

  private shownAt = Date.now();
  private honeypot = '';
  private turnstileToken = '';
  private resetTurnstile?: () => void;
  private attempts = new Attempts();

  /** The visitor's language: the element's `lang`, else the page's, else the browser's (one of LOCALES). */
  /** @internal */
  locale: Locale = 'en';

  /** The words of a language other than English: their own small module, loaded on demand. */
  private dictionary?: Dictionary;
  /** The element's `dir` is the widget's own (from its language), not the page's. */
  private ownDir = false;

  /** @internal The visitor's language's conventions for dates, for the slot picker. */
  get intl(): string {
    return INTL[this.locale];
  }

  /** @internal The words in use: English, the visitor's language, and the `labels` overrides. */
  get words(): Labels {
    return { ...EN_LABELS, ...this.dictionary?.labels, ...this.overrides };
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!changed.has('labels')) return;
    const labels = this.labels;
    try {
      this.overrides = typeof labels === 'string' ? JSON.parse(labels) : labels;
    } catch {
      // "[object Object]": a framework wrote an object as the attribute before this script defined the element.
      console.warn(
        `<demo-booking> labels is not JSON: ${labels}. Pass JSON.stringify(labels), or load widget.js before the page's framework renders.`,
      );
    }
  }

  /** A visitor in another language sees the form in it from the first paint, never English first. */
  protected override shouldUpdate(changed: PropertyValues<this>) {
    return (this.locale === 'en' || !!this.dictionary) && super.shouldUpdate(changed);
  }

  /** @internal The API's base URL. */
  get api() {
    return this.apiBase || scriptOrigin;
  }

  static override get observedAttributes() {
    // biome-ignore lint/complexity/noThisInStatic: Lit's attributes of this very class (LitElement's own would be none), and `lang`.
    return [...super.observedAttributes, 'lang'];
  }

  /** A `lang` changed after the first render switches the words. */
  override attributeChangedCallback(name: string, old: string | null, value: string | null) {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && this.isConnected) this.setLocale();
  }

  /**
   * Picks the language, names it and its direction on the element (for screen readers and layout) and loads its words:
   * an English widget is left to right on an Arabic page, an Arabic one right to left on any page. A `dir` the page set stays.
   */
  private setLocale() {
    const locale = pickLocale([this.lang, document.documentElement.lang, ...navigator.languages]);
    if (!this.dir || this.ownDir) {
      this.dir = DIRECTION[locale];
      this.ownDir = true;
    }
    this.lang ||= locale;
    if (locale === this.locale && (locale === 'en' || this.dictionary)) return;
    this.locale = locale;
    this.dictionary = undefined;
    this.requestUpdate();
    if (locale !== 'en')
      void DICTIONARY_LOADERS[locale]().then((dictionary) => {
        if (this.locale === locale) this.dictionary = dictionary;
        this.requestUpdate();
      });
  }

  override connectedCallback() {
    super.connectedCallback();
    this.setLocale();
    this.loadExtras();
    // Does the team offer free times? The picker module loads meanwhile, in parallel.
    if (this.mode !== 'request' && !this.slotMode)
      fetch(new URL('/api/slots', this.api), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone, days: 1 }),
      })
        .then((res) => res.json())
        .then(async (answer: { mode?: string }) => {
          if (answer.mode !== 'slots') throw 0;
          this.picker = await import('./slot-picker.js');
          this.picker.adoptPickerStyles(this.shadowRoot);
          this.slotMode = 'slots';
        })
        .catch(() => (this.slotMode = 'request'));
  }

  override render() {
    const w = this.words;
    const p = this.picker;
    if (this.booked && p) return p.renderBooked(this, this.booked, { html, nothing });
    if (this.picking && p && this.pick) return p.renderPicker(this, this.pick, { html, nothing });
    if (this.doneEmail)
      return html`<div class="done" part="success" tabindex="-1" role="status">
        <h2 part="heading">${w.success_heading}</h2>
        <p>${w.success_body.replace('{email}', this.doneEmail)}</p>
      </div>`;
    return html`<form part="form" novalidate @submit=${this.handleSubmit} aria-busy=${this.busy}>
      <h2 part="heading">${w.heading}</h2>
      <p>${w.intro}</p>
      ${FIELDS.map(([name, type, autocomplete]) => (name === 'preferred_date' && this.slotMode === 'slots' ? nothing : this.renderField(name, type, autocomplete)))}
      <div class="hp" aria-hidden="true">
        <label>Leave this empty <input name="hp_check" tabindex="-1" autocomplete="off" @input=${(e: Event) => (this.honeypot = (e.target as HTMLInputElement).value)} /></label>
      </div>
      ${this.consentLabel && this.extras ? this.extras.renderConsent(this, { html, nothing }) : nothing}
      ${this.turnstileSiteKey ? html`<div class="turnstile" part="turnstile"></div>` : nothing}
      <button part="button" type="submit" aria-disabled=${this.busy}>${this.busy ? w.submitting : this.failedOnNetwork ? w.retry : w.submit}</button>
      <p part="status" class="status ${this.statusBad ? 'bad' : ''}" role="status" aria-live="polite">${this.status}</p>
    </form>`;
  }

  private renderField(name: VisitorField, type: string, autocomplete?: string) {
    const w = this.words;
    const id = `f-${name}`;
    const error = this.errors[name];
    const required = REQUIRED_FIELDS.includes(name);
    const hint = name === 'preferred_date' ? w.preferred_date_hint.replace('{zone}', Intl.DateTimeFormat().resolvedOptions().timeZone) : '';
    const common = {
      id,
      name,
      describedby: [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || nothing,
    };
    const value = this.values[name] ?? '';
    const onInput = (e: Event) => this.handleInput(name, (e.target as HTMLInputElement).value);
    const control =
      type === 'select'
        ? html`<select part="input" id=${id} name=${name} aria-invalid=${!!error} aria-describedby=${common.describedby} @change=${onInput}>
            <option value="" ?selected=${!value}>${w.organization_size_choose}</option>
            ${ORGANIZATION_SIZES.map((s) => html`<option value=${s} ?selected=${value === s}>${s} ${w.organization_size_unit}</option>`)}
          </select>`
        : type === 'textarea'
          ? html`<textarea part="input" id=${id} name=${name} aria-invalid=${!!error} aria-describedby=${common.describedby} .value=${value} @input=${onInput}></textarea>`
          : html`<input part="input" id=${id} name=${name} type=${type} autocomplete=${autocomplete ?? nothing} ?required=${required}
              aria-required=${required} aria-invalid=${!!error} aria-describedby=${common.describedby}
              min=${type === 'datetime-local' ? localInputValue(new Date(Date.now() + LIMITS.minLeadHours * 3_600_000 + 60_000)) : nothing}
              .value=${value} @input=${onInput} />`;
    return html`<div class="field" part="field">
      <label part="label" for=${id}>${w[name]}${required ? nothing : html` <span class="opt">${w.optional}</span>`}</label>
      ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
      ${control}
      <span class="error" part="error" id="${id}-error">${error ?? ''}</span>
    </div>`;
  }

  private handleInput(name: VisitorField, value: string) {
    this.values = { ...this.values, [name]: value };
    if (this.errors[name]) this.errors = { ...this.errors, [name]: undefined };
  }

  /** The create request from what was typed, the page and the visitor's zone. */
  private requestBody(): BookingInput & Record<string, unknown> {
    const v = this.values;
    const date = v.preferred_date ? new Date(v.preferred_date) : null;
    return {
      organization_name: v.organization_name ?? '',
      contact_name: v.contact_name ?? '',
      contact_email: v.contact_email ?? '',
      contact_phone: v.contact_phone || null,
      organization_size: v.organization_size || null,
      // An unreadable local time stays as typed so that the shared rule reports it.
      preferred_date: date ? (Number.isNaN(date.getTime()) ? (v.preferred_date ?? null) : date.toISOString()) : null,
      message: v.message || null,
      ...attribution(new URL(location.href), siteStorage(), siteStorage('sessionStorage')),
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      locale: this.locale,
      hp_check: this.honeypot || null,
      turnstile_token: this.turnstileToken || null,
      elapsed_ms: Date.now() - this.shownAt,
      consent:
        this.consentLabel && this.consented
          ? {
              text: this.consentLabel,
              // As a URI (new URL percent-encodes a space or an é): what the API takes.
              ...(/^https:\/\//.test(this.privacyUrl) && URL.canParse(this.privacyUrl)
                ? { privacy_url: new URL(this.privacyUrl).href }
                : {}),
            }
          : null,
    };
  }

  private showErrors(refused: FieldError[], fallback: string) {
    // Each rule's words in the visitor's language; the rule names stay.
    const errors = refused.map((e) => ({ ...e, message: (this.dictionary && ruleWords(this.dictionary, e.rule)) ?? e.message }));
    const byField: Record<string, string> = {};
    for (const e of errors) byField[e.path] ??= e.message;
    this.errors = byField;
    const onFields = FIELDS.some(([name]) => byField[name]) || !!byField.consent;
    this.setStatus(onFields ? this.words.fix_errors : (errors[0]?.message ?? fallback), true);
    if (onFields) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  private setStatus(text: string, bad: boolean) {
    this.status = text;
    this.statusBad = bad;
  }

  private emit(name: string, detail: Record<string, unknown>) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    window.dataLayer?.push({ event: name.replace(/-/g, '_'), ...detail });
  }

  private async handleSubmit(event: Event) {
    event.preventDefault();
    if (this.busy) return; // one submission per click
    const body = this.requestBody();
    const invalid = checkVisitorFields(body, { now: new Date() });
    if (this.extras) invalid.push(...this.extras.extraErrors(this, body.contact_email ?? '', invalid));
    else if (this.consentLabel && !this.consented) invalid.push({ path: 'consent', rule: 'consent_required', message: '' });
    if (invalid.length) {
      this.showErrors(invalid, this.words.fix_errors);
      this.emit('demo-booking-error', { status: 0, rules: invalid.map((e) => e.rule) });
      return;
    }
    const p = this.picker;
    if (this.slotMode === 'slots' && p) {
      // Details in: now the time.
      this.pick = p.newPickState();
      this.picking = true;
      void p.loadSlots(this, this.pick, { organization_size: body.organization_size ?? null, contact_email: body.contact_email ?? '' });
      return;
    }
    await this.send(body);
  }

  /** @internal The visitor chose a time: book it with the details. */
  chooseSlot(start: string) {
    if (!this.pick || this.pick.booking) return;
    this.pick.booking = true;
    this.pick.note = '';
    this.requestUpdate();
    void this.send({ ...this.requestBody(), preferred_date: null, slot_start: start });
  }

  /** @internal Back to the details; `request`: the team has no free time, so ask for a preferred one. */
  backToDetails(request?: boolean) {
    this.picking = false;
    if (request) this.slotMode = 'request';
  }

  private async send(body: BookingInput & Record<string, unknown>) {
    // The same answers go again byte for byte under the same Idempotency-Key,
    // so a retry after a lost answer never books twice.
    const attempt = this.attempts.next(body, ['elapsed_ms']);
    this.busy = true;
    this.setStatus(this.words.submitting, false);
    this.emit('demo-booking-submit', {});
    const outcome = await postBooking(this.api, attempt);
    this.busy = false;
    this.failedOnNetwork = outcome.kind === 'unreachable';
    if (outcome.kind === 'created') {
      const b = outcome.booking;
      if (b.slot_end && b.assigned_rep && b.preferred_date)
        this.booked = {
          id: outcome.id,
          start: b.preferred_date,
          end: b.slot_end,
          rep: b.assigned_rep.name,
          email: outcome.email,
          zone: this.pick?.zone ?? 'UTC',
        };
      this.doneEmail = outcome.email || body.contact_email || '';
      // What a tag manager needs to credit an ads conversion: the campaign and which click ids came (names, never values).
      const clickIds = (body.click_ids ?? {}) as Record<string, string>;
      this.emit('demo-booking-success', {
        id: outcome.id,
        utm_source: body.utm_source ?? null,
        utm_campaign: body.utm_campaign ?? null,
        click_ids: Object.keys(clickIds),
      });
    } else if (outcome.kind === 'refused' && outcome.alternatives && this.picker && this.pick) {
      this.picker.showAlternatives(this, this.pick, outcome.alternatives);
      this.emit('demo-booking-error', { status: outcome.status, rules: ['slot_unavailable'] });
    } else if (outcome.kind === 'refused') {
      if (this.pick) this.pick.booking = false;
      this.picking = false;
      // An expired Turnstile token: fetch a fresh one for the next try.
      if (outcome.errors.some((e) => e.path === 'turnstile_token')) this.resetTurnstile?.();
      this.showErrors(outcome.errors, outcome.detail ?? this.words.generic_error);
      this.emit('demo-booking-error', { status: outcome.status, rules: outcome.errors.map((e) => e.rule) });
    } else {
      this.setStatus(this.words.network_error, true);
      this.emit('demo-booking-error', { status: 0, rules: [] });
    }
  }

  protected override firstUpdated() {
    // For real-user monitoring and the benchmark: when the form became interactive.
    performance.mark('demo-booking-ready');
  }

  /** The consent and work-email module, once, for a page that uses them: fetched beside the language, not after it. */
  private loadExtras() {
    if ((this.consentLabel || this.requireWorkEmail) && !this.extrasLoad)
      this.extrasLoad = import('./extras.js').then((extras) => {
        this.extras = extras;
        extras.adoptStyles(this);
        this.requestUpdate();
      });
  }

  protected override updated(changed: PropertyValues<this>) {
    this.loadExtras();
    const container = this.renderRoot.querySelector<HTMLElement>('.turnstile');
    if (changed.has('turnstileSiteKey') && container && this.turnstileSiteKey)
      // Loaded on demand, as its own small module: pages without Turnstile never fetch it.
      import('./turnstile.js')
        .then(({ renderTurnstile }) => renderTurnstile(container, this.turnstileSiteKey, (token) => (this.turnstileToken = token)))
        .then((reset) => (this.resetTurnstile = reset))
        .catch(() => this.setStatus(this.words.generic_error, true));
    if (changed.has('doneEmail' as keyof DemoBooking) && this.doneEmail)
      this.renderRoot.querySelector<HTMLElement>('[part="success"]')?.focus();
  }
}

// A page may load widget.js twice (a CMS plugin and a pasted snippet): the second defines nothing.
customElements.get('demo-booking') || customElements.define('demo-booking', DemoBooking);
