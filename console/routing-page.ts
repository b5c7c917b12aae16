/**
 * <routing-page>: who gets the demo, as a sales manager sets it. The rules
 * in order (the first that matches a visitor decides who is eligible; no
 * match: every active rep), each with what it tests and its reps; moved,
 * added, removed, saved as a new version. Beside them a dry run that answers
 * as you type, with the rules as edited (saved or not): the rule matched,
 * who is eligible, the account's owner, the pick and why. Below, the saved
 * versions, each restorable into the editor (a bad edit undone).
 */
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LOCALES } from '../contract/i18n.js';
import { ORGANIZATION_SIZES } from '../contract/limits.js';
import type { RoutingRule } from '../contract/routing.js';
import { ApiError, api, type RoutingDryRun, type RoutingVersion, type SalesRep } from './api.js';
import { base } from './console.styles.js';
import { fromLocalInput, when } from './format.js';

declare global {
  interface HTMLElementTagNameMap {
    'routing-page': RoutingPage;
  }
}

/** A list typed as words ("DE, AT ch") as its values, in the case the API takes. */
const listOf = (text: string, upper: boolean) =>
  text
    .split(/[\s,;]+/)
    .map((v) => (upper ? v.toUpperCase() : v.toLowerCase()))
    .filter(Boolean);

/** A list with `value` added or taken out. */
const toggled = (list: string[] | undefined, value: string, on: boolean) =>
  on ? [...new Set([...(list ?? []), value])] : (list ?? []).filter((v) => v !== value);

/** A rule's when without the fields left empty. */
function cleaned(rule: RoutingRule): RoutingRule {
  const when = Object.fromEntries(Object.entries(rule.when).filter(([, v]) => v && v.length > 0));
  return { ...rule, name: rule.name.trim(), when };
}

@customElement('routing-page')
export class RoutingPage extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: block; }
      .layout { display: grid; gap: 1rem; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); align-items: start; }
      @media (max-width: 900px) { .layout { grid-template-columns: minmax(0, 1fr); } }
      .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; min-width: 0; }
      h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
      h3 { font-size: 1rem; margin: 0; }
      p.lead { margin: 0 0 .75rem; color: var(--muted); }
      ol.rules { list-style: none; margin: 0 0 .75rem; padding: 0; display: grid; gap: .75rem; counter-reset: rule; }
      ol.rules > li { border: 1px solid var(--line); border-radius: 8px; padding: .75rem; display: grid; gap: .6rem; min-width: 0; }
      .rule-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
      .rule-head label { flex: 1 1 14rem; }
      label { display: grid; gap: .2rem; font-size: .9rem; font-weight: 600; min-width: 0; }
      .hint { font-weight: 400; font-size: .85rem; color: var(--muted); }
      fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .6rem; margin: 0; min-width: 0; }
      legend { font-size: .9rem; font-weight: 600; padding: 0 .25rem; }
      .checks { display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
      .checks label { display: flex; gap: .35rem; align-items: center; font-weight: 400; }
      .grid2 { display: grid; gap: .6rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr)); align-items: start; }
      label > input:not([type='checkbox']), label > select { width: 100%; min-width: 0; }
      .row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
      .dry form { display: grid; gap: .6rem; }
      .answer dl { display: grid; grid-template-columns: minmax(0, 7rem) minmax(0, 1fr); gap: .25rem .75rem; margin: .75rem 0 .5rem; }
      .answer dt { color: var(--muted); }
      .answer dd { margin: 0; overflow-wrap: anywhere; }
      .answer ol { margin: 0; padding-left: 1.2rem; display: grid; gap: .25rem; }
      .pick { font-weight: 700; }
      ul.versions { list-style: none; margin: 0; padding: 0; display: grid; gap: .4rem; }
      ul.versions li { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; justify-content: space-between; border-bottom: 1px solid var(--line); padding: .35rem 0; }
      .status { min-height: 1.5rem; }
    `,
  ];

  /** The team: the reps a rule may name (active ones). */
  @property({ attribute: false }) team: SalesRep[] = [];

  @state() private rules: RoutingRule[] = [];
  @state() private saved = '[]';
  @state() private versions: RoutingVersion[] = [];
  @state() private error = '';
  @state() private status = '';
  @state() private busy = false;
  @state() private ask = { contact_email: '', organization_size: '', locale: '', country: '', slot: '' };
  @state() private answer: RoutingDryRun | null = null;
  @state() private dryError = '';

  private dryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Only the latest dry run may paint. */
  private dryCount = 0;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [current, history] = await Promise.all([api.routing(), api.routingHistory()]);
      this.rules = current.rules;
      this.saved = JSON.stringify(current.rules);
      this.versions = history.data;
      this.error = '';
      this.runDry();
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : 'The rules could not be loaded. Check your connection and reload.';
    }
  }

  private get active() {
    return this.team.filter((r) => r.active);
  }

  private get edited() {
    return JSON.stringify(this.rules.map(cleaned)) !== this.saved;
  }

  private change(i: number, update: (rule: RoutingRule) => RoutingRule) {
    this.rules = this.rules.map((r, k) => (k === i ? update(r) : r));
    this.status = '';
    this.runDry();
  }

  private move(i: number, by: number) {
    const rules = [...this.rules];
    const [rule] = rules.splice(i, 1);
    if (!rule) return;
    rules.splice(i + by, 0, rule);
    this.rules = rules;
    this.runDry();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`li[data-index="${i + by}"] button[data-move="${by}"]`)?.focus(),
    );
  }

  private add() {
    const names = new Set(this.rules.map((r) => r.name));
    let n = this.rules.length + 1;
    while (names.has(`Rule ${n}`)) n++;
    this.rules = [...this.rules, { name: `Rule ${n}`, when: {}, reps: [] }];
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>(`li[data-index="${this.rules.length - 1}"] input`)?.focus(),
    );
  }

  private removeRule(i: number) {
    this.rules = this.rules.filter((_, k) => k !== i);
    this.runDry();
  }

  private async save() {
    this.busy = true;
    this.error = '';
    try {
      const answer = await api.saveRouting(this.rules.map(cleaned));
      this.rules = answer.rules;
      this.saved = JSON.stringify(answer.rules);
      this.versions = (await api.routingHistory()).data;
      this.status = `Saved: ${answer.rules.length} rule${answer.rules.length === 1 ? '' : 's'} in force.`;
    } catch (error) {
      this.error = error instanceof ApiError ? error.message : 'The rules could not be saved. Check your connection and try again.';
    } finally {
      this.busy = false;
    }
  }

  private restore(version: RoutingVersion) {
    this.rules = version.rules;
    this.status = `Version of ${when(version.at)} by ${version.actor} restored into the editor: save to put it in force.`;
    this.runDry();
  }

  /** Runs the dry run with the rules as edited, shortly after the last keystroke. */
  private runDry() {
    clearTimeout(this.dryTimer);
    this.dryTimer = setTimeout(() => void this.dry(), 250);
  }

  private async dry() {
    const count = ++this.dryCount;
    const a = this.ask;
    const slot = a.slot ? fromLocalInput(a.slot) : null;
    try {
      const answer = await api.dryRun({
        ...(a.contact_email.trim() ? { contact_email: a.contact_email.trim() } : {}),
        ...(a.organization_size ? { organization_size: a.organization_size } : {}),
        ...(a.locale ? { locale: a.locale } : {}),
        ...(a.country.trim() ? { country: a.country.trim().toUpperCase() } : {}),
        ...(slot ? { slot_start: slot.toISOString() } : {}),
        rules: this.rules.map(cleaned).filter((r) => r.name && r.reps.length),
      });
      if (count !== this.dryCount) return;
      this.answer = answer;
      this.dryError = '';
    } catch (error) {
      if (count !== this.dryCount) return;
      this.dryError = error instanceof ApiError ? error.message : 'The dry run could not reach the server.';
    }
  }

  private setAsk(key: keyof RoutingPage['ask'], value: string) {
    this.ask = { ...this.ask, [key]: value };
    this.runDry();
  }

  /** A `when` field of listed values as checkboxes: checked values are the rule's. */
  private choices(i: number, rule: RoutingRule, field: 'organization_size' | 'locale', legend: string, values: readonly string[]) {
    return html`<fieldset><legend>${legend}</legend><div class="checks">
      ${values.map(
        (value) => html`<label><input type="checkbox" .checked=${rule.when[field]?.includes(value) ?? false}
          @change=${(e: Event) =>
            this.change(i, (r) => ({
              ...r,
              when: { ...r.when, [field]: toggled(r.when[field], value, (e.target as HTMLInputElement).checked) },
            }))}>${value}</label>`,
      )}
    </div></fieldset>`;
  }

  private renderRule(rule: RoutingRule, i: number) {
    const ruleLabel = rule.name || `Rule ${i + 1}`;
    return html`<li data-index=${i} aria-label=${`Rule ${i + 1}: ${ruleLabel}`}>
      <div class="rule-head">
        <label>Rule ${i + 1} name
          <input .value=${rule.name} maxlength="100" @input=${(e: Event) => this.change(i, (r) => ({ ...r, name: (e.target as HTMLInputElement).value }))}>
        </label>
        <div class="row">
          <button type="button" data-move="-1" ?disabled=${i === 0} aria-label=${`Move ${ruleLabel} up`} @click=${() => this.move(i, -1)}>↑</button>
          <button type="button" data-move="1" ?disabled=${i === this.rules.length - 1} aria-label=${`Move ${ruleLabel} down`} @click=${() => this.move(i, 1)}>↓</button>
          <button type="button" class="danger" @click=${() => this.removeRule(i)}>Remove</button>
        </div>
      </div>
      <div class="grid2">
        ${this.choices(i, rule, 'organization_size', 'Organization size', ORGANIZATION_SIZES)}
        ${this.choices(i, rule, 'locale', 'Language', LOCALES)}
        <label>Countries <span class="hint">(codes, e.g. DE, AT, CH)</span>
          <input .value=${(rule.when.country ?? []).join(', ')} @change=${(e: Event) =>
            this.change(i, (r) => ({ ...r, when: { ...r.when, country: listOf((e.target as HTMLInputElement).value, true) } }))}>
        </label>
        <label>Email domains <span class="hint">(subdomains too)</span>
          <input .value=${(rule.when.email_domain ?? []).join(', ')} @change=${(e: Event) =>
            this.change(i, (r) => ({ ...r, when: { ...r.when, email_domain: listOf((e.target as HTMLInputElement).value, false) } }))}>
        </label>
      </div>
      <fieldset><legend>Reps</legend><div class="checks">
        ${this.active.map(
          (rep) => html`<label><input type="checkbox" .checked=${rule.reps.includes(rep.id)}
            @change=${(e: Event) => this.change(i, (r) => ({ ...r, reps: toggled(r.reps, rep.id, (e.target as HTMLInputElement).checked) }))}>${rep.name}</label>`,
        )}
        ${rule.reps
          .filter((id) => !this.active.some((r) => r.id === id))
          .map(
            (id) => html`<span class="hint">${this.team.find((r) => r.id === id)?.name ?? 'A former rep'} (deactivated: skipped)</span>`,
          )}
      </div></fieldset>
      ${Object.values(rule.when).every((v) => !v?.length) ? html`<p class="hint">Tests nothing: it matches every visitor.</p>` : nothing}
    </li>`;
  }

  private renderAnswer() {
    const a = this.answer;
    if (this.dryError) return html`<p class="alert" role="alert">${this.dryError}</p>`;
    if (!a) return html`<p class="muted">…</p>`;
    const names = (reps: { name: string }[]) => reps.map((r) => r.name).join(', ') || 'nobody';
    return html`<div class="answer" aria-live="polite">
      <dl>
        <dt>Rule</dt><dd>${a.rule ?? 'none matched: every active rep'}</dd>
        <dt>Eligible</dt><dd>${names(a.eligible_reps)}</dd>
        <dt>Owner</dt><dd>${a.owner?.name ?? 'none'}</dd>
        <dt>Gets it</dt><dd class="pick">${a.pick?.name ?? 'nobody (no free eligible rep)'}</dd>
      </dl>
      <h3>Why</h3>
      <ol>${a.why.map((step) => html`<li>${step}</li>`)}</ol>
    </div>`;
  }

  override render() {
    return html`<div class="layout">
      <section class="card" aria-labelledby="rules-title">
        <h2 id="rules-title">Routing rules</h2>
        <p class="lead">Read top to bottom: the first rule that matches a visitor decides which reps may take the demo. No match: every
          active rep. Among them, the account’s owner (the rep of the company’s earlier booking) when free, else weighted round robin.</p>
        ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
        ${this.rules.length ? html`<ol class="rules">${this.rules.map((r, i) => this.renderRule(r, i))}</ol>` : html`<p class="muted">No rules: every active rep is eligible for every visitor.</p>`}
        <div class="row">
          <button type="button" @click=${this.add}>Add a rule</button>
          <button type="button" class="primary" ?disabled=${this.busy || !this.edited} @click=${this.save}>Save rules</button>
          ${this.edited ? html`<span class="hint">Not saved yet: the dry run shows the rules as edited.</span>` : nothing}
        </div>
        <p class="status" role="status">${this.status}</p>
      </section>
      <section class="card dry" aria-labelledby="dry-title">
        <h2 id="dry-title">Dry run</h2>
        <p class="lead">Who a booking would get, with the rules as edited. Nothing is saved or sent.</p>
        <form @submit=${(e: Event) => e.preventDefault()}>
          <label>Email <input type="email" .value=${this.ask.contact_email} @input=${(e: Event) => this.setAsk('contact_email', (e.target as HTMLInputElement).value)}></label>
          <div class="grid2">
            <label>Organization size
              <select @change=${(e: Event) => this.setAsk('organization_size', (e.target as HTMLSelectElement).value)}>
                <option value="">Not given</option>${ORGANIZATION_SIZES.map((s) => html`<option value=${s}>${s}</option>`)}
              </select></label>
            <label>Language
              <select @change=${(e: Event) => this.setAsk('locale', (e.target as HTMLSelectElement).value)}>
                <option value="">Not given</option>${LOCALES.map((l) => html`<option value=${l}>${l}</option>`)}
              </select></label>
            <label>Country <input maxlength="2" .value=${this.ask.country} @input=${(e: Event) => this.setAsk('country', (e.target as HTMLInputElement).value)}></label>
            <label>Slot <span class="hint">(optional, your time)</span>
              <input type="datetime-local" .value=${this.ask.slot} @input=${(e: Event) => this.setAsk('slot', (e.target as HTMLInputElement).value)}></label>
          </div>
        </form>
        ${this.renderAnswer()}
      </section>
      <section class="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Saved versions</h2>
        ${
          this.versions.length
            ? html`<ul class="versions">${this.versions.map(
                (
                  v,
                  i,
                ) => html`<li><span>${when(v.at)} · ${v.actor} · ${v.rules.length} rule${v.rules.length === 1 ? '' : 's'}${i === 0 ? ' · in force' : ''}</span>
                  ${i === 0 ? nothing : html`<button type="button" @click=${() => this.restore(v)}>Restore</button>`}</li>`,
              )}</ul>`
            : html`<p class="muted">Nothing saved yet.</p>`
        }
      </section>
    </div>`;
  }
}
