import { css } from 'lit';

/** Styles of <demo-booking>: every colour, font and radius comes from a --demo-booking-* custom property. */
export const styles = css`
  /*
   * A host theme's inherited text styles (uppercase, letter-spacing, centring,
   * a tight line-height, a 62.5 % root font size) stop at the element: every
   * inherited property starts again from its initial value, and sizes are in
   * px and em, never the host's rem. Custom properties are not reset by
   * all: initial, so theming with --demo-booking-* keeps working.
   */
  :host {
    all: initial;
    display: block;
    font: var(--demo-booking-font, 400 16px/1.5 system-ui, sans-serif);
    text-align: start;
    color: var(--demo-booking-text, #1f2328);
    --_accent: var(--demo-booking-accent, #0b57d0);
    --_border: var(--demo-booking-border, #8c959f);
    --_error: var(--demo-booking-error, #b3261e);
    --_radius: var(--demo-booking-radius, 6px);
    --_gap: var(--demo-booking-gap, 1em);
  }
  form, .done, .picker {
    display: grid;
    gap: var(--_gap);
    padding: var(--demo-booking-padding, 1.5em);
    background: var(--demo-booking-background, #fff);
    border-radius: var(--_radius);
  }
  /* Any column from 240 px: no field (a date and time field's own width included) makes it wider. */
  form, .done, .picker, .field { grid-template-columns: minmax(0, 1fr); }
  h2 { margin: 0; font-size: 1.4em; line-height: 1.2; }
  p { margin: 0; }
  h2, p { overflow-wrap: anywhere; }
  .field { display: grid; gap: .3em; }
  label { font-weight: 600; }
  .opt, .hint { font-weight: 400; font-size: .875em; color: var(--demo-booking-muted, #59636e); }
  input, select, textarea {
    font: inherit;
    color: inherit;
    padding: .55em .7em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--demo-booking-input-background, #fff);
    min-height: 2.75em;
    box-sizing: border-box;
    width: 100%;
    min-width: 0;
  }
  textarea { min-height: 6em; resize: vertical; }
  :focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
  [aria-invalid='true'] { border-color: var(--_error); border-width: 2px; }
  .error { color: var(--_error); font-size: .875em; font-weight: 600; }
  .error:empty { display: none; }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75em;
    padding: .6em 1.2em;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--demo-booking-accent-text, #fff);
    cursor: pointer;
    justify-self: start;
  }
  button[aria-disabled='true'] { opacity: .7; cursor: progress; }
  .status:empty { display: none; }
  .status.bad { color: var(--_error); font-weight: 600; }
  .hp { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
`;
