/**
 * The slots answer's computation (worker/slots/availability.ts and
 * unionOfFreeStarts, the code POST /api/slots runs after its one D1 batch) for
 * 1, 10, 50 and 200 reps over 14 and 31 days, each rep with a realistic week
 * (09:00–12:00 and 13:00–17:00 on weekdays in one of four zones) and four
 * busy intervals a working day, against a floor that takes the same rows and
 * only sorts and serialises them (what a worker returning the rows without
 * computing does). Rounds alternate; medians. In Node, on the V8 workerd runs.
 *
 * `npx tsx bench/slots.ts` rewrites its section of bench/RESULTS.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_WORKING_HOURS } from '../contract/team.js';
import type { SalesRep } from '../worker/db/schema.js';
import type { Span } from '../worker/slots/availability.js';
import { merged, type RepTime, type SlotRules, slotRules, unionOfFreeStarts } from '../worker/slots/availability.js';
import { median, ms, table } from './stats.js';

const DAY = 86_400_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];
const NOW = Date.UTC(2026, 9, 19, 6);
const config = {
  DEMO_DURATION_MINUTES: 30,
  BUFFER_MINUTES: 10,
  SLOT_STEP_MINUTES: 30,
  MIN_NOTICE_HOURS: 24,
  BOOKING_HORIZON_DAYS: 31,
  MAX_DEMOS_PER_REP_PER_DAY: 6,
};

/** A team of `reps`, each with four busy hours-long intervals on every day of the window, at varied hours. */
/** What the answer is computed from: each eligible rep's time, and the rules. */
interface Team {
  eligible: { time: RepTime }[];
  rules: SlotRules;
}

function team(reps: number, days: number): { team: Team; rows: { rep_id: string; start: string; end: string }[] } {
  const rows: { rep_id: string; start: string; end: string }[] = [];
  const eligible = Array.from({ length: reps }, (_, r) => {
    const id = `rep-${r}`;
    const busy: Span[] = [];
    for (let d = 0; d < days + 1; d++)
      for (let k = 0; k < 4; k++) {
        const start = NOW + d * DAY + ((r * 7 + k * 5) % 24) * 3_600_000;
        busy.push([start, start + 3_600_000]);
        rows.push({ rep_id: id, start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() });
      }
    return {
      rep: { id } as SalesRep,
      time: {
        id,
        zone: ZONES[r % ZONES.length] as string,
        hours: DEFAULT_WORKING_HOURS,
        overrides: {},
        busy: merged(busy),
        bookedStarts: [],
      },
    };
  });
  return {
    team: { eligible, rules: slotRules(config, NOW) },
    rows,
  };
}

const cpu = (fn: () => unknown) => {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

export function slotsBench(rounds = 15): string {
  const out: (string | number)[][] = [];
  for (const days of [14, 31])
    for (const reps of [1, 10, 50, 200]) {
      const { team: t, rows } = team(reps, days);
      const from = NOW;
      const to = NOW + days * DAY;
      const product: number[] = [];
      const floor: number[] = [];
      let slots = 0;
      for (let i = 0; i < rounds + 2; i++) {
        const f = cpu(() => JSON.stringify([...rows].sort((a, b) => a.start.localeCompare(b.start))));
        const p = cpu(() => {
          const starts = unionOfFreeStarts(
            t.eligible.map((e) => e.time),
            from,
            to,
            t.rules,
          );
          slots = starts.length;
          return JSON.stringify(starts.map((s) => ({ start: new Date(s).toISOString(), end: new Date(s + 30 * 60_000).toISOString() })));
        });
        if (i >= 2) {
          floor.push(f);
          product.push(p);
        }
      }
      const p = median(product);
      out.push([
        reps,
        days,
        rows.length.toLocaleString('en'),
        slots,
        ms(p),
        ms(median(floor)),
        `${(p / median(floor)).toFixed(1)}x`,
        `${((p / (reps * days)) * 1000).toFixed(0)} µs`,
      ]);
    }
  return [
    `${rounds} alternating rounds per size; medians of CPU ms. Requests/s through the worker against a floor worker: section 7b (npm run bench:slots-http).`,
    '',
    table(
      [
        'reps',
        'days',
        'busy rows',
        'slots offered',
        'product CPU ms',
        'floor CPU ms (sort + JSON of the rows)',
        'product / floor',
        'CPU per rep-day',
      ],
      out,
    ),
  ].join('\n');
}

const START = '<!-- slots:start -->';
const END = '<!-- slots:end -->';

if (import.meta.url === `file://${process.argv[1]}`) {
  const markdown = slotsBench();
  console.log(markdown);
  const path = 'bench/RESULTS.md';
  const section = `${START}\n## 7. Slots: computing the answer\n\n- Date: ${new Date().toISOString()}\n- Command: \`npm run bench:slots\`\n\n${markdown}\n${END}`;
  const current = readFileSync(path, 'utf8');
  const next = current.includes(START)
    ? current.replace(new RegExp(`${START}[\\s\\S]*${END}`), section)
    : current.replace(/\n## Against the goals/, `\n${section}\n\n## Against the goals`);
  writeFileSync(path, next);
}
