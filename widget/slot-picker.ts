/**
 * The slot picker (SPEC 8.6), loaded on demand when the team has free
 * times: the visitor's details first, then the days with free times and the
 * chosen day's times, in the visitor's zone (shown, and changeable), every
 * day and time a button (arrow keys move, a screen reader hears the full
 * date), a refused time answered with the nearest free ones, and the booked
 * demo with its rep and an "Add to calendar" file. Lit's template tag comes
 * from the caller, as in extras.ts.
 */

import type { html as litHtml, nothing as litNothing } from 'lit';
import type { Slot, SlotsAnswer } from '../contract/api.js';
import type { Locale } from '../contract/i18n.js';
import { inviteUid } from '../contract/invite.js';
import { AR_PICKER } from '../contract/words/picker/ar.js';
import { DE_PICKER } from '../contract/words/picker/de.js';
import { EN_PICKER, type PickerWords } from '../contract/words/picker/en.js';
import { ES_PICKER } from '../contract/words/picker/es.js';
import { FR_PICKER } from '../contract/words/picker/fr.js';

const WORDS: Record<Locale, PickerWords> = { en: EN_PICKER, de: DE_PICKER, fr: FR_PICKER, es: ES_PICKER, ar: AR_PICKER };

type Lit = { html: typeof litHtml; nothing: typeof litNothing };

/** What the routing of slots reads from the visitor's answers (never stored by that call). */
export interface Routing {
  organization_size: string | null;
  contact_email: string;
}

/** Where the picker stands. */
export interface PickState {
  zone: string;
  slots: Slot[];
  /** The chosen day, `YYYY-MM-DD` in `zone`. */
  day: string | null;
  loading: boolean;
  /** A line to read out (a refused time). */
  note: string;
  booking: boolean;
}

/** A demo as booked, for the last panel. */
export interface Booked {
  id: string;
  start: string;
  end: string;
  rep: string;
  email: string;
  /** The zone the visitor chose times in. */
  zone: string;
}

/** What the picker reads and calls on the element. */
export interface PickerHost {
  locale: Locale;
  /** The language's conventions for dates (INTL in i18n.ts, passed by the host so this module imports no value from i18n.ts). */
  intl: string;
  api: string;
  requestUpdate(): void;
  renderRoot: HTMLElement | DocumentFragment;
  /** The visitor chose a time: book it. */
  chooseSlot(start: string): void;
  /** Back to the details form; `request` switches it to the preferred-time form. */
  backToDetails(request?: boolean): void;
}

export const newPickState = (): PickState => ({
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  slots: [],
  day: null,
  loading: true,
  note: '',
  booking: false,
});

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** The local date of an instant in a zone. */
const dayOf = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

const format = (host: PickerHost, pick: PickState, iso: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(host.intl, { timeZone: pick.zone, ...options }).format(new Date(iso));

/** Asks the API for the free times of the next two weeks, for this visitor. */
export async function loadSlots(host: PickerHost, pick: PickState, routing: Routing): Promise<void> {
  pick.loading = true;
  host.requestUpdate();
  try {
    const res = await fetch(new URL('/api/slots', host.api), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ time_zone: pick.zone, locale: host.locale, days: 14, ...routing }),
    });
    const answer = (await res.json()) as SlotsAnswer;
    pick.slots = res.ok ? answer.slots : [];
  } catch {
    pick.slots = [];
  }
  pick.loading = false;
  pick.day = pick.slots[0] ? dayOf(pick.slots[0].start, pick.zone) : null;
  host.requestUpdate();
}

/** Shows the nearest free times after a refused one. */
export function showAlternatives(host: PickerHost, pick: PickState, alternatives: Slot[]): void {
  pick.slots = alternatives;
  pick.day = alternatives[0] ? dayOf(alternatives[0].start, pick.zone) : null;
  pick.note = WORDS[host.locale].taken;
  pick.booking = false;
  host.requestUpdate();
  void Promise.resolve().then(() => host.renderRoot.querySelector<HTMLElement>('.times button')?.focus());
}

/** Arrow keys move between the buttons of a group (the arrow pointing the way the text runs goes on: left in Arabic); Home and End go to its ends. */
function arrows(event: KeyboardEvent) {
  const group = event.currentTarget as HTMLElement;
  const buttons = [...group.querySelectorAll<HTMLButtonElement>('button')];
  const at = buttons.indexOf(event.target as HTMLButtonElement);
  const [onward, back] = getComputedStyle(group).direction === 'rtl' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowRight', 'ArrowLeft'];
  const to =
    event.key === onward || event.key === 'ArrowDown'
      ? at + 1
      : event.key === back || event.key === 'ArrowUp'
        ? at - 1
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? buttons.length - 1
            : -2;
  if (to === -2 || at < 0) return;
  event.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
}

export function renderPicker(host: PickerHost, pick: PickState, { html, nothing }: Lit) {
  const w = WORDS[host.locale];
  // Each day with free times, and its first.
  const days = new Map<string, string>();
  for (const s of pick.slots) if (!days.has(dayOf(s.start, pick.zone))) days.set(dayOf(s.start, pick.zone), s.start);
  const times = pick.slots.filter((s) => dayOf(s.start, pick.zone) === pick.day);
  const dayName = (iso: string) => format(host, pick, iso, { weekday: 'long', day: 'numeric', month: 'long' });
  const changeZone = (e: Event) => {
    pick.zone = (e.target as HTMLSelectElement).value;
    pick.day = pick.slots[0] ? dayOf(pick.slots[0].start, pick.zone) : null;
    host.requestUpdate();
  };
  const zones = Intl.supportedValuesOf('timeZone');
  return html`<div class="picker" part="picker">
    <h2 part="heading">${w.choose_heading}</h2>
    <p>${w.choose_intro}</p>
    <div class="field zone" part="field">
      <label part="label" for="f-zone">${fill(w.times_in, { zone: pick.zone })}</label>
      <select part="input" id="f-zone" aria-label=${w.change_zone} @change=${changeZone}>
        ${(zones.includes(pick.zone) ? zones : [pick.zone, ...zones]).map((z) => html`<option value=${z} ?selected=${z === pick.zone}>${z.replace(/_/g, ' ')}</option>`)}
      </select>
    </div>
    <p part="status" class="status bad" role="status" aria-live="polite">${pick.booking ? w.booking : pick.note}</p>
    <div class="slots" aria-busy=${pick.loading}>
      ${
        pick.loading
          ? html`<p role="status">${w.loading}</p>`
          : days.size
            ? html`<div class="days" role="group" aria-label=${w.day_list} @keydown=${arrows}>
                ${[...days].map(([d, first]) => {
                  return html`<button type="button" part="day" aria-pressed=${d === pick.day} tabindex=${d === pick.day ? 0 : -1}
                    aria-label=${dayName(first)} @click=${() => {
                      pick.day = d;
                      host.requestUpdate();
                    }}>${format(host, pick, first, { weekday: 'short' })}<br />${format(host, pick, first, { day: 'numeric', month: 'short' })}</button>`;
                })}
              </div>
              <div class="times" role="group" aria-label=${fill(w.time_list, { day: times[0] ? dayName(times[0].start) : '' })} @keydown=${arrows}>
                ${times.map(
                  (s) => html`<button type="button" part="time" ?disabled=${pick.booking}
                    aria-label=${format(host, pick, s.start, { dateStyle: 'full', timeStyle: 'short' })}
                    @click=${() => host.chooseSlot(s.start)}>${format(host, pick, s.start, { timeStyle: 'short' })}</button>`,
                )}
              </div>`
            : html`<p>${w.none}</p>`
      }
    </div>
    <button type="button" part="button" class="back" @click=${() => host.backToDetails(!pick.loading && !days.size)}>${w.back}</button>
    ${nothing}
  </div>`;
}

/** An iCalendar TEXT value. */
const text = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
const stamp = (iso: string) => `${iso.replace(/[-:]/g, '').slice(0, 15)}Z`;

/**
 * The booked demo as a calendar file, with the UID of the invitation the
 * server emails (`<id>@<the API's host>`), so adding both makes one event.
 */
function icsFile(host: PickerHost, booked: Booked): string {
  const title = fill(WORDS[host.locale].invite_title, { rep: booked.rep });
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Demo booking//Widget//EN',
    'BEGIN:VEVENT',
    `UID:${inviteUid(booked.id, host.api)}`,
    `DTSTAMP:${stamp(new Date().toISOString())}`,
    `DTSTART:${stamp(booked.start)}`,
    `DTEND:${stamp(booked.end)}`,
    `SUMMARY:${text(title)}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ];
  return URL.createObjectURL(new Blob([lines.join('\r\n')], { type: 'text/calendar' }));
}

export function renderBooked(host: PickerHost, booked: Booked, { html }: Lit) {
  const w = WORDS[host.locale];
  const time = new Intl.DateTimeFormat(host.intl, { dateStyle: 'full', timeStyle: 'short', timeZone: booked.zone }).format(
    new Date(booked.start),
  );
  return html`<div class="done" part="success" tabindex="-1" role="status">
    <h2 part="heading">${w.booked_heading}</h2>
    <p>${fill(w.booked_body, { time, rep: booked.rep, email: booked.email })}</p>
    <p><a part="link" href=${icsFile(host, booked)} download="demo.ics">${w.add_to_calendar}</a></p>
  </div>`;
}

/** The picker's look, added to the element's styles when this module loads. */
const STYLES = `.picker .zone select { font-size: .9em; }
  .slots { min-height: 13em; }
  .days, .times { display: flex; flex-wrap: wrap; gap: .4em; margin: .5em 0; }
  .days button, .times button { width: auto; padding: .45em .7em; background: transparent; color: var(--_accent); border: 1px solid var(--_accent); border-radius: var(--_radius); font: inherit; font-weight: 600; cursor: pointer; }
  .days button { text-align: center; line-height: 1.2; min-width: 4.2em; }
  .days button[aria-pressed='true'] { background: var(--_accent); color: var(--demo-booking-accent-text, #fff); }
  .times button:hover, .days button:hover { background: color-mix(in srgb, var(--_accent) 12%, transparent); }
  .days button[aria-pressed='true']:hover { background: var(--_accent); }
  .picker .back { background: transparent; color: var(--_accent); border: 0; padding: .3em 0; width: auto; text-decoration: underline; cursor: pointer; font: inherit; }
  .done a { color: var(--_accent); font-weight: 600; }`;

/** Adds the picker's styles to the element (constructable stylesheets: fine under a strict CSP). */
export function adoptPickerStyles(root: ShadowRoot | null): void {
  if (!root || !('adoptedStyleSheets' in root)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
