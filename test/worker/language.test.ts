/** The visitor's language: the server's messages (Accept-Language), the stored locale, and every email in it. */
import { describe, expect, it } from 'vitest';
import type { Booking, CreatedBooking, ProblemBody } from '../../contract/api.js';
import { EN_LABELS } from '../../contract/words/en.js';
import { DICTIONARIES } from '../../contract/words/index.js';
import { bodyOf } from '../api-body.js';
import { ADMIN, allTasks, harness, postJson, validBooking } from './helpers.js';
import { deliver, notifyEnv } from './notify-helpers.js';

/** Words that are the same in English and that language, so their equality is not English leaking. */
const SAME: Record<string, string[]> = { de: ['optional', 'organization_name'], fr: ['organization_name'], es: [], ar: [] };

// Every language has every word: the Dictionary and RequesterWords types see to that (a missing one does not compile).
describe('the dictionaries', () => {
  it('no widget word of another language is left in English', () => {
    for (const [locale, words] of Object.entries(DICTIONARIES))
      for (const [key, english] of Object.entries(EN_LABELS))
        if (!SAME[locale]!.includes(key)) expect(words.labels[key as keyof typeof EN_LABELS], `${locale}.${key}`).not.toBe(english);
  });
});

describe('Accept-Language', () => {
  it('refusals come in the asked language; rule names and statuses do not change', async () => {
    const h = harness();
    const body = validBooking({ contact_email: 'not-an-address', contact_name: '' });
    const german = await h.request('/api/bookings', postJson(body, { 'accept-language': 'de-CH, de;q=0.9, en;q=0.5' }));
    expect(german.status).toBe(422);
    expect(german.headers.get('content-language')).toBe('de');
    const problem = await bodyOf<ProblemBody>(german);
    expect(problem.detail).toBe(DICTIONARIES.de.check_fields);
    expect((problem.errors ?? []).map((e) => e.rule).sort()).toEqual(['contact_email_format', 'contact_name_not_empty']);
    expect(problem.errors?.find((e) => e.path === 'contact_email')?.message).toContain('gültige E-Mail-Adresse');
    const english = await bodyOf<ProblemBody>(await h.request('/api/bookings', postJson(body)));
    expect((english.errors ?? []).map((e) => e.message).join(' ')).toContain('valid email address');
    const spanish = await bodyOf<ProblemBody>(await h.request('/api/bookings', postJson(body, { 'accept-language': 'es' })));
    expect((spanish.errors ?? []).map((e) => e.message).join(' ')).toContain('correo electrónico válido');
  });
});

describe('emails in the visitor’s language', () => {
  it('a German booking gets its confirmation and its confirmed demo in German, dates as Germans write them', async () => {
    const h = harness();
    const res = await h.request('/api/bookings', postJson(validBooking({ locale: 'de', timezone: 'Europe/Berlin' })));
    const { id } = await bodyOf<Booking>(res);
    const n = notifyEnv();
    const email = (await allTasks()).find((t) => t.booking_id === id && t.kind === 'email')!;
    await deliver(email.id, n.env);
    const confirmation = n.email.sent[0]!;
    expect(confirmation.subject).toBe('Ihre Demo-Anfrage');
    expect(confirmation.html).toContain('<html lang="de" dir="ltr">');
    expect(confirmation.text).toContain('Guten Tag Ada Lovelace,');
    expect(confirmation.text).toMatch(/Wunschtermin \(Europe\/Berlin\): \w+, \d+\. \w+ \d{4} um \d{2}:\d{2}/);

    const at = new Date(Date.now() + 5 * 86_400_000);
    at.setUTCHours(13, 0, 0, 0);
    await h.request(`/api/bookings/${id}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'confirmed', preferred_date: at.toISOString() }),
    });
    const confirmed = (await allTasks()).find(
      (t) => t.booking_id === id && t.kind === 'email' && t.event_type === 'demo_booking.confirmed',
    )!;
    await deliver(confirmed.id, n.env);
    const mail = n.email.sent[1]!;
    expect(mail.subject).toMatch(/^Ihre Demo ist bestätigt: \w+, \d+\. \w+ \d{4} um 14:00$/);
    expect(mail.text).toContain('Demo absagen');
  });

  it('an Arabic booking: refusals in Arabic, an email laid out right to left with Gregorian dates in Latin digits, and a right-to-left cancel page', async () => {
    const h = harness();
    const refused = await bodyOf<ProblemBody>(
      await h.request('/api/bookings', postJson(validBooking({ contact_email: 'x' }), { 'accept-language': 'ar-AE, en;q=0.5' })),
    );
    expect(refused.errors?.[0]).toMatchObject({ rule: 'contact_email_format', message: DICTIONARIES.ar.rules.contact_email_format });

    const res = await h.request('/api/bookings', postJson(validBooking({ locale: 'ar', timezone: 'Asia/Dubai' })));
    const { id } = await bodyOf<Booking>(res);
    const n = notifyEnv();
    await deliver((await allTasks()).find((t) => t.booking_id === id && t.kind === 'email')!.id, n.env);
    const mail = n.email.sent[0]!;
    expect(mail.subject).toBe('طلبك لعرض توضيحي');
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.html).toContain('<th align="right" valign="top">المؤسسة</th>');
    // "الموعد المفضل (Asia/Dubai): الخميس، 10 ديسمبر 2026 في 2:30 م": a Gregorian year in Latin digits, no Arabic-Indic ones.
    const preferred = /الموعد المفضل \(Asia\/Dubai\): (.+)/.exec(mail.text)![1]!;
    expect(preferred).toMatch(/ \d{1,2} \S+ 20\d\d /);
    expect(preferred).not.toMatch(/[٠-٩]/);

    const link = new URL(/(https?:\/\/\S+\/cancel\/\S+)/.exec(mail.text)![1]!);
    const page = await (await h.request(link.pathname + link.search)).text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain('هل تريد إلغاء طلب العرض التوضيحي؟');
  });

  it('without a language the booking is English', async () => {
    const h = harness();
    const created = await bodyOf<CreatedBooking>(await h.request('/api/bookings', postJson(validBooking())));
    const read = await bodyOf<Booking>(await h.request(`/api/bookings/${created.id}`, { headers: ADMIN }));
    expect(read.locale).toBe('en');
  });
});
