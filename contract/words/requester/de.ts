/** Deutsch: the words of the emails to the requester and of the pages their cancel link opens. */
import type { RequesterWords } from './index.js';

export const de: RequesterWords = {
  hello: 'Guten Tag {name},',
  facts: {
    organization: 'Organisation',
    name: 'Name',
    email: 'E-Mail',
    size: 'Größe der Organisation',
    preferred: 'Wunschtermin',
    time: 'Termin',
    was: 'Ursprünglicher Termin',
    link: 'Link zum Meeting',
    reason: 'Grund',
  },
  request: {
    subject: 'Ihre Demo-Anfrage',
    intro:
      'Vielen Dank für Ihre Demo-Anfrage. Sie ist bei uns eingegangen, und jemand aus unserem Team meldet sich in Kürze, um einen Termin zu vereinbaren.',
    cancelAsk: 'Sie brauchen die Demo nicht mehr?',
    cancelLink: 'Anfrage stornieren',
  },
  confirmed: {
    subject: 'Ihre Demo ist bestätigt: {when}',
    intro: 'Ihre Demo ist bestätigt. Mit der angehängten Einladung tragen Sie sie in Ihren Kalender ein.',
  },
  newHost: {
    subject: 'Ihre Demo am {when}: jetzt mit {rep}',
    intro: 'Ihre Demo bleibt zur selben Zeit; {rep} übernimmt sie. Die angehängte Einladung aktualisiert den Eintrag in Ihrem Kalender.',
  },
  moved: {
    subject: 'Ihre Demo wurde verschoben: {when}',
    intro: 'Ihre Demo hat einen neuen Termin. Die angehängte Einladung aktualisiert den Eintrag in Ihrem Kalender.',
  },
  cantMakeIt: 'Sie können doch nicht?',
  cancelDemo: 'Demo absagen',
  cancelled: {
    subject: 'Ihre Demo am {when} ist abgesagt',
    intro: 'Ihre Demo ist abgesagt. Das angehängte Update entfernt sie aus Ihrem Kalender.',
  },
  declined: {
    subject: 'Zu Ihrer Demo-Anfrage',
    intro:
      'Vielen Dank für Ihr Interesse. Leider können wir die gewünschte Demo nicht einplanen und haben die Anfrage daher geschlossen. Sie können gern jederzeit eine neue Anfrage stellen.',
  },
  invite: { summary: 'Demo für {org}', join: 'Teilnehmen: {url}', later: 'Die Zugangsdaten senden wir Ihnen vor der Demo.' },
  pages: {
    confirmTitle: 'Demo-Anfrage absagen?',
    confirmBody: 'Ihre Demo-Anfrage für {org} wird abgesagt.',
    confirmBodyWhen: 'Ihre Demo-Anfrage für {org} (Wunschtermin {when}) wird abgesagt.',
    confirmButton: 'Ja, Anfrage absagen',
    keep: 'Doch nicht? Schließen Sie einfach diese Seite.',
    cancelled: ['Ihre Demo-Anfrage ist abgesagt', 'Danke für Ihre Nachricht. Sie können jederzeit wieder eine Demo anfragen.'],
    alreadyCancelled: ['Bereits abgesagt', 'Diese Demo-Anfrage ist abgesagt. Es ist nichts weiter zu tun.'],
    notCancellable: [
      'Diese Anfrage kann nicht mehr abgesagt werden',
      'Bitte antworten Sie auf Ihre Bestätigungs-E-Mail, falls sich etwas geändert hat.',
    ],
    notFound: ['Anfrage nicht gefunden', 'Wir konnten diese Demo-Anfrage nicht finden.'],
    expired: ['Dieser Link ist abgelaufen', 'Bitte antworten Sie auf Ihre Bestätigungs-E-Mail, dann sagen wir die Anfrage für Sie ab.'],
    broken: [
      'Dieser Link funktioniert nicht',
      'Bitte verwenden Sie den Link aus Ihrer Bestätigungs-E-Mail genau so, wie er gesendet wurde.',
    ],
    demoTitle: 'Ihre Demo',
    demoBody: 'Ihre Demo für {org} mit {rep} ist am {when}. Wählen Sie einen anderen Termin, oder sagen Sie sie ab.',
    otherTimes: 'Andere freie Termine mit {rep}',
    noOtherTimes: 'In den nächsten zwei Wochen ist kein anderer Termin frei.',
    moveButton: 'Meine Demo auf {when} verlegen',
    cancelDemoButton: 'Meine Demo absagen',
    moved: ['Ihre Demo ist verlegt', 'Der neue Termin ist {when}. Eine aktualisierte Einladung ist unterwegs.'],
    taken: ['Dieser Termin wurde gerade vergeben', 'Jemand hat ihn soeben gebucht. Bitte wählen Sie einen anderen.'],
  },
  changeDemo: 'Demo verlegen oder absagen',
};
