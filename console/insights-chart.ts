/**
 * <insights-chart>: requests per week for the last 12 weeks, stacked by
 * status, and the top sources, drawn as SVG. The SVG is a labelled image;
 * a table with the same numbers follows it for screen readers. Colours and
 * lengths are SVG attributes, never inline styles, which the page's strict
 * CSP refuses.
 */
import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Insights } from './api.js';
import { base } from './console.styles.js';
import { day, STATUS_WORDS } from './format.js';

const STACK = ['pending', 'confirmed', 'completed', 'no_show', 'cancelled'] as const;
const COLOURS: Record<(typeof STACK)[number], string> = {
  pending: '#0969da',
  confirmed: '#1a7f37',
  completed: '#8c959f',
  no_show: '#bf8700',
  cancelled: '#cf222e',
};

declare global {
  interface HTMLElementTagNameMap {
    'insights-chart': InsightsChart;
  }
}

@customElement('insights-chart')
export class InsightsChart extends LitElement {
  static override styles = [
    base,
    css`
      :host { display: grid; gap: 1rem; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); }
      @media (max-width: 720px) { :host { grid-template-columns: minmax(0, 1fr); } }
      figure { margin: 0; min-width: 0; }
      figcaption { font-weight: 600; margin-bottom: .25rem; }
      svg { width: 100%; height: auto; display: block; }
      .legend { display: flex; flex-wrap: wrap; gap: .25rem .9rem; font-size: .8rem; margin: .25rem 0 0; padding: 0; list-style: none; }
      .legend .swatch { width: .7rem; height: .7rem; margin-right: .3rem; vertical-align: -1px; }
      ol.sources { margin: 0; padding: 0; list-style: none; display: grid; gap: .35rem; }
      .bar { display: grid; grid-template-columns: minmax(0, 7rem) minmax(0, 1fr) 2.5rem; gap: .5rem; align-items: center; font-size: .85rem; }
      .bar .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .bar .track { width: 100%; height: .7rem; display: block; }
    `,
  ];

  /** The numbers from GET /api/bookings/insights. */
  @property({ attribute: false }) insights: Insights | null = null;

  override render() {
    const data = this.insights;
    if (!data) return nothing;
    const totals = data.weeks.map((w) => STACK.reduce((sum, s) => sum + w.counts[s], 0));
    const max = Math.max(1, ...totals);
    const width = 600;
    const height = 160;
    const slot = width / data.weeks.length;
    const topSource = Math.max(1, ...data.sources.map((s) => s.count));
    const summary = `Demo requests per week over the last ${data.weeks.length} weeks: ${totals.join(', ')}.`;
    return html`
      <figure>
        <figcaption id="weekly-caption">Requests per week</figcaption>
        <svg viewBox="0 0 ${width} ${height + 22}" role="img" aria-labelledby="weekly-caption" aria-describedby="weekly-summary">
          <desc id="weekly-summary">${summary}</desc>
          ${data.weeks.map((w, i) => {
            let y = height;
            return svg`<g>
              ${STACK.map((s) => {
                const h = (w.counts[s] / max) * (height - 18);
                y -= h;
                return h > 0 ? svg`<rect x=${i * slot + 6} y=${y} width=${slot - 12} height=${h} fill=${COLOURS[s]}></rect>` : nothing;
              })}
              ${totals[i] ? svg`<text x=${i * slot + slot / 2} y=${y - 3} text-anchor="middle" font-size="11" fill="#1f2328">${totals[i]}</text>` : nothing}
              <text x=${i * slot + slot / 2} y=${height + 16} text-anchor="middle" font-size="11" fill="#57606a">${w.week.slice(5)}</text>
            </g>`;
          })}
        </svg>
        <ul class="legend" aria-hidden="true">
          ${STACK.map((s) => html`<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" rx="2" fill=${COLOURS[s]}></rect></svg>${STATUS_WORDS[s]}</li>`)}
        </ul>
        <div class="visually-hidden"><table>
          <caption>Requests per week by status</caption>
          <thead><tr><th scope="col">Week of</th>${STACK.map((s) => html`<th scope="col">${STATUS_WORDS[s]}</th>`)}</tr></thead>
          <tbody>${data.weeks.map((w) => html`<tr><th scope="row">${day(w.week)}</th>${STACK.map((s) => html`<td>${w.counts[s]}</td>`)}</tr>`)}</tbody>
        </table></div>
      </figure>
      <figure>
        <figcaption>Top sources</figcaption>
        ${
          data.sources.length
            ? html`<ol class="sources">
              ${data.sources.map(
                (s) => html`<li class="bar">
                  <span class="name">${s.utm_source ?? '(none)'}</span>
                  <svg class="track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                    <rect width="100" height="10" rx="3" fill="#eaeef2"></rect>
                    <rect width=${(s.count / topSource) * 100} height="10" rx="3" fill="#0b57d0"></rect>
                  </svg>
                  <span>${s.count}</span>
                </li>`,
              )}
            </ol>`
            : html`<p class="muted">No requests in these weeks yet.</p>`
        }
      </figure>
    `;
  }
}
