import { css } from 'lit';

/** Shared look of the console's elements: system font, readable contrast, a visible focus ring. */
export const base = css`
  :host {
    --ink: #1f2328;
    --muted: #57606a;
    --line: #d0d7de;
    --panel: #ffffff;
    --page: #f6f8fa;
    --accent: #0b57d0;
    --danger: #b3261e;
    /* Status words stay at 4.5:1 or more on white and on a selected row (#ddf4ff). */
    --ok: #116329;
    --warn: #7d4e00;
    color: var(--ink);
    font: 400 15px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif;
  }
  *, *::before, *::after { box-sizing: border-box; }
  :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
  button, input, select, textarea { font: inherit; color: inherit; }
  button {
    border: 1px solid var(--line);
    background: var(--panel);
    border-radius: 6px;
    padding: .4rem .8rem;
    cursor: pointer;
    min-height: 2.25rem;
  }
  button.primary { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
  button.danger { color: var(--danger); border-color: var(--danger); }
  button[disabled] { opacity: .6; cursor: default; }
  input, select, textarea { border: 1px solid #8c959f; border-radius: 6px; padding: .35rem .5rem; background: #fff; min-height: 2.25rem; }
  .badge { display: inline-block; border-radius: 999px; padding: 0 .55rem; font-size: .8rem; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
  .s-pending { color: #0550ae; }
  .s-confirmed { color: var(--ok); }
  .s-completed { color: #424a53; }
  .s-cancelled { color: #57606a; }
  .s-no_show { color: var(--warn); }
  .s-spam { color: var(--danger); }
  .muted { color: var(--muted); }
  .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .alert { border: 1px solid var(--danger); color: var(--danger); background: #fff5f5; border-radius: 6px; padding: .5rem .75rem; }
`;

/** A modal dialog holding one form: its box, backdrop, labels and buttons. */
export const dialogs = css`
  dialog { border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem; width: min(30rem, calc(100vw - 2rem)); }
  dialog::backdrop { background: rgb(0 0 0 / .35); }
  dialog form { display: grid; gap: .75rem; }
  dialog label { display: grid; gap: .25rem; font-weight: 600; }
  dialog .hint { font-weight: 400; font-size: .85rem; color: var(--muted); }
  dialog .buttons { display: flex; gap: .5rem; justify-content: flex-end; flex-wrap: wrap; }
`;
