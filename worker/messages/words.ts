/**
 * The words of every email to a prospect, in each language a booking can
 * keep. `{name}`-style slots are filled by email.ts; dates are formatted
 * with `intl` (the language's conventions) in the visitor's time zone.
 */
import type { Locale } from '../../contract/i18n.js';

export interface EmailWords {
  intl: string;
  hello: string;
  facts: {
    organization: string;
    name: string;
    email: string;
    size: string;
    preferred: string;
    time: string;
    was: string;
    link: string;
    reason: string;
  };
  request: { subject: string; intro: string; cancelAsk: string; cancelLink: string };
  confirmed: { subject: string; intro: string };
  moved: { subject: string; intro: string };
  cantMakeIt: string;
  cancelDemo: string;
  cancelled: { subject: string; intro: string };
  declined: { subject: string; intro: string };
  invite: { summary: string; join: string; later: string };
}

export const EMAIL_WORDS: Record<Locale, EmailWords> = {
  en: {
    intl: 'en-GB',
    hello: 'Hello {name},',
    facts: {
      organization: 'Organization',
      name: 'Name',
      email: 'Email',
      size: 'Organization size',
      preferred: 'Preferred time',
      time: 'Time',
      was: 'Was',
      link: 'Meeting link',
      reason: 'Reason',
    },
    request: {
      subject: 'Your demo request',
      intro: 'Thank you for requesting a demo. We have your request and someone from our team will be in touch shortly to confirm a time.',
      cancelAsk: 'No longer need the demo?',
      cancelLink: 'Cancel the request',
    },
    confirmed: {
      subject: 'Your demo is confirmed: {when}',
      intro: 'Your demo is confirmed. The invite attached adds it to your calendar.',
    },
    moved: {
      subject: 'Your demo has moved: {when}',
      intro: 'Your demo has a new time. The invite attached updates the event in your calendar.',
    },
    cantMakeIt: 'Cannot make it?',
    cancelDemo: 'Cancel the demo',
    cancelled: {
      subject: 'Your demo on {when} is cancelled',
      intro: 'Your demo is cancelled. The attached update removes it from your calendar.',
    },
    declined: {
      subject: 'About your demo request',
      intro:
        'Thank you for your interest. We are not able to schedule the demo you requested, so we have closed the request. You are welcome to ask again at any time.',
    },
    invite: { summary: 'Demo for {org}', join: 'Join: {url}', later: 'We will send the meeting details before the demo.' },
  },
  de: {
    intl: 'de-DE',
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
  },
  fr: {
    intl: 'fr-FR',
    hello: 'Bonjour {name},',
    facts: {
      organization: 'Organisation',
      name: 'Nom',
      email: 'E-mail',
      size: 'Taille de l’organisation',
      preferred: 'Créneau souhaité',
      time: 'Créneau',
      was: 'Créneau prévu',
      link: 'Lien de la réunion',
      reason: 'Motif',
    },
    request: {
      subject: 'Votre demande de démo',
      intro:
        'Merci pour votre demande de démo. Nous l’avons bien reçue et un membre de notre équipe vous contactera très prochainement pour convenir d’un créneau.',
      cancelAsk: 'Vous n’avez plus besoin de la démo ?',
      cancelLink: 'Annuler la demande',
    },
    confirmed: {
      subject: 'Votre démo est confirmée : {when}',
      intro: 'Votre démo est confirmée. L’invitation jointe l’ajoute à votre agenda.',
    },
    moved: {
      subject: 'Votre démo a été déplacée : {when}',
      intro: 'Votre démo a un nouveau créneau. L’invitation jointe met à jour l’événement dans votre agenda.',
    },
    cantMakeIt: 'Vous n’êtes plus disponible ?',
    cancelDemo: 'Annuler la démo',
    cancelled: {
      subject: 'Votre démo du {when} est annulée',
      intro: 'Votre démo est annulée. La mise à jour jointe la retire de votre agenda.',
    },
    declined: {
      subject: 'À propos de votre demande de démo',
      intro:
        'Merci de votre intérêt. Nous ne sommes pas en mesure de planifier la démo demandée et avons donc clôturé la demande. N’hésitez pas à en faire une nouvelle à tout moment.',
    },
    invite: {
      summary: 'Démo pour {org}',
      join: 'Rejoindre : {url}',
      later: 'Nous vous enverrons les informations de connexion avant la démo.',
    },
  },
  es: {
    intl: 'es-ES',
    hello: 'Hola, {name}:',
    facts: {
      organization: 'Organización',
      name: 'Nombre',
      email: 'Correo electrónico',
      size: 'Tamaño de la organización',
      preferred: 'Horario preferido',
      time: 'Horario',
      was: 'Horario previsto',
      link: 'Enlace de la reunión',
      reason: 'Motivo',
    },
    request: {
      subject: 'Tu solicitud de demo',
      intro:
        'Gracias por solicitar una demo. Hemos recibido tu solicitud y alguien de nuestro equipo se pondrá en contacto contigo en breve para acordar un horario.',
      cancelAsk: '¿Ya no necesitas la demo?',
      cancelLink: 'Cancelar la solicitud',
    },
    confirmed: {
      subject: 'Tu demo está confirmada: {when}',
      intro: 'Tu demo está confirmada. La invitación adjunta la añade a tu calendario.',
    },
    moved: {
      subject: 'Tu demo ha cambiado de horario: {when}',
      intro: 'Tu demo tiene un nuevo horario. La invitación adjunta actualiza el evento en tu calendario.',
    },
    cantMakeIt: '¿No puedes asistir?',
    cancelDemo: 'Cancelar la demo',
    cancelled: {
      subject: 'Tu demo del {when} está cancelada',
      intro: 'Tu demo está cancelada. La actualización adjunta la elimina de tu calendario.',
    },
    declined: {
      subject: 'Sobre tu solicitud de demo',
      intro:
        'Gracias por tu interés. No podemos programar la demo que solicitaste, así que hemos cerrado la solicitud. Puedes volver a solicitarla cuando quieras.',
    },
    invite: { summary: 'Demo para {org}', join: 'Unirse: {url}', later: 'Te enviaremos los datos de acceso antes de la demo.' },
  },
};

/** Fills `{slot}`s. */
export const fill = (text: string, slots: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? '');
