/** Die Wörter der Terminauswahl, deutsch. */
import type { PickerWords } from './en.js';

export const DE_PICKER: PickerWords = {
  choose_heading: 'Wählen Sie einen Termin',
  choose_intro: 'Freie Termine unseres Teams, in Ihrer Zeitzone.',
  times_in: 'Uhrzeiten in {zone}',
  change_zone: 'Zeitzone ändern',
  day_list: 'Tage mit freien Terminen',
  time_list: 'Freie Termine am {day}',
  loading: 'Freie Termine werden gesucht…',
  none: 'In den nächsten zwei Wochen ist kein Termin frei. Bitte nennen Sie uns stattdessen Ihren Wunschtermin.',
  back: 'Zurück zu Ihren Angaben',
  booking: 'Wird gebucht…',
  taken: 'Dieser Termin wurde gerade vergeben. Das sind die nächsten freien:',
  booked_heading: 'Ihre Demo ist gebucht',
  booked_body: '{time} mit {rep}. Die Einladung ist unterwegs an {email}.',
  add_to_calendar: 'Zum Kalender hinzufügen',
  invite_title: 'Demo mit {rep}',
};
