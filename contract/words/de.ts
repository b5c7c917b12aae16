/** Deutsch: die Worte des Widgets und die Meldungen jeder Regel, der ein Besucher begegnen kann. */
import type { Dictionary } from '../i18n.js';

export const de: Dictionary = {
  labels: {
    heading: 'Demo anfragen',
    intro: 'Erzählen Sie uns von Ihrer Organisation – wir melden uns und finden gemeinsam einen Termin.',
    contact_name: 'Ihr Name',
    contact_email: 'Geschäftliche E-Mail-Adresse',
    organization_name: 'Organisation',
    contact_phone: 'Telefon',
    organization_size: 'Größe der Organisation',
    organization_size_choose: 'Größe wählen',
    organization_size_unit: 'Mitglieder',
    preferred_date: 'Wunschtermin',
    preferred_date_hint: 'In Ihrer Zeitzone ({zone}), frühestens in 24 Stunden.',
    message: 'Was möchten Sie gern sehen?',
    optional: '(optional)',
    privacy_link: 'Datenschutzerklärung',
    submit: 'Demo anfragen',
    submitting: 'Wird gesendet …',
    retry: 'Erneut versuchen',
    success_heading: 'Vielen Dank!',
    success_body: 'Ihre Anfrage ist bei uns eingegangen. Eine Bestätigung ist unterwegs an {email}.',
    network_error: 'Wir konnten unseren Server nicht erreichen. Ihre Angaben sind noch da – bitte versuchen Sie es erneut.',
    generic_error: 'Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
    fix_errors: 'Bitte prüfen Sie die markierten Felder.',
  },
  rules: {
    organization_name_not_empty:
      'Bitte geben Sie den Namen Ihrer Organisation an (höchstens 200 Zeichen, ohne unsichtbare Zeichen, ohne Web- oder E-Mail-Adresse und ohne Telefonnummer).',
    contact_name_not_empty:
      'Bitte geben Sie Ihren Namen an (höchstens 200 Zeichen, ohne unsichtbare Zeichen, ohne Web- oder E-Mail-Adresse und ohne Telefonnummer).',
    contact_email_format: 'Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@firma.de.',
    contact_email_work_domain:
      'Bitte verwenden Sie Ihre geschäftliche E-Mail-Adresse, damit wir die Demo auf Ihre Organisation zuschneiden können.',
    contact_phone_format: 'Bitte geben Sie eine Telefonnummer mit 7 bis 15 Ziffern an.',
    organization_size_value: 'Bitte wählen Sie eine der angebotenen Größen.',
    preferred_date_format: 'Bitte wählen Sie ein gültiges Datum und eine gültige Uhrzeit.',
    preferred_date_must_be_future: 'Bitte wählen Sie einen Termin frühestens 24 Stunden ab jetzt.',
    preferred_date_max_ahead: 'Bitte wählen Sie einen Termin innerhalb der nächsten 365 Tage.',
    message_max_length: 'Ihre Nachricht darf höchstens 5.000 Zeichen lang sein und keine Steuerzeichen enthalten.',
    rate_limit_per_email:
      'Für diese Adresse können wir gerade keine weitere Anfrage annehmen. Bitte versuchen Sie es später erneut oder antworten Sie auf eine unserer E-Mails.',
    rate_limit_per_ip: 'Zu viele Anfragen aus diesem Netzwerk. Bitte versuchen Sie es in einer Minute erneut.',
    turnstile_token_expired: 'Die Spam-Prüfung ist abgelaufen. Bitte senden Sie das Formular erneut.',
    consent_required: 'Bitte stimmen Sie zu, damit wir Sie wegen der Demo kontaktieren dürfen.',
    slot_unavailable: 'Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen.',
  },
  check_fields: 'Einige Angaben müssen Sie noch einmal prüfen.',
};
