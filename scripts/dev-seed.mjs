// `npm run dev`: once the worker answers, gives an empty team one example rep
// whose calendar is the dev worker's own example feed (/dev/example-calendar.ics),
// through the admin API like any change (it is recorded in the team's history).
// A team that already has reps is left as it is.
import { readFileSync } from 'node:fs';

const EXAMPLE_REP = {
  name: 'Alex Example',
  email: 'alex.example@example.com',
  time_zone: 'Europe/Berlin',
  languages: ['en', 'de'],
  meeting_url: 'https://meet.example.com/alex',
};

/** Seeds the team of the worker at `base` if it has nobody; says what it did. */
export async function seedExampleRep(base) {
  const token = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1];
  if (!token) return;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const team = await fetch(`${base}/api/team`, { headers }).then((r) => (r.ok ? r.json() : null));
  if (!team || team.data.length > 0) return;
  const rep = await fetch(`${base}/api/team`, { method: 'POST', headers, body: JSON.stringify(EXAMPLE_REP) }).then((r) => r.json());
  const feed = await fetch(`${base}/api/team/${rep.id}/calendars`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ url: `${base}/dev/example-calendar.ics` }),
  });
  if (feed.ok) console.log(`Added the example rep ${EXAMPLE_REP.name} with a local example calendar: ${base}/admin#team`);
}
