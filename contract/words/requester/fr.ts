/** Français: the words of the emails to the requester and of the pages their cancel link opens. */
import type { RequesterWords } from './index.js';

export const fr: RequesterWords = {
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
  newHost: {
    subject: 'Votre démo du {when} : désormais avec {rep}',
    intro: 'Votre démo garde son horaire ; {rep} l’animera. L’invitation jointe met à jour l’événement dans votre agenda.',
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
  pages: {
    confirmTitle: 'Annuler votre demande de démo ?',
    confirmBody: 'Votre demande de démo pour {org} sera annulée.',
    confirmBodyWhen: 'Votre demande de démo pour {org} (horaire souhaité : {when}) sera annulée.',
    confirmButton: 'Oui, annuler ma demande',
    keep: 'Vous avez changé d’avis ? Fermez simplement cette page.',
    cancelled: ['Votre demande de démo est annulée', 'Merci de nous avoir prévenus. Vous pouvez refaire une demande à tout moment.'],
    alreadyCancelled: ['Déjà annulée', 'Cette demande de démo est annulée. Il n’y a rien d’autre à faire.'],
    notCancellable: ['Cette demande ne peut plus être annulée', 'Répondez à votre e-mail de confirmation si quelque chose a changé.'],
    notFound: ['Demande introuvable', 'Nous n’avons pas trouvé cette demande de démo.'],
    expired: ['Ce lien a expiré', 'Répondez à votre e-mail de confirmation et nous annulerons la demande pour vous.'],
    broken: ['Ce lien ne fonctionne pas', 'Utilisez le lien de votre e-mail de confirmation tel qu’il a été envoyé.'],
    demoTitle: 'Votre démo',
    demoBody: 'Votre démo pour {org} avec {rep} a lieu le {when}. Choisissez un autre créneau, ou annulez-la.',
    otherTimes: 'Autres créneaux libres avec {rep}',
    noOtherTimes: 'Aucun autre créneau libre dans les deux prochaines semaines.',
    moveButton: 'Déplacer ma démo au {when}',
    cancelDemoButton: 'Annuler ma démo',
    moved: ['Votre démo est déplacée', 'Le nouveau créneau est le {when}. Une invitation mise à jour est en route.'],
    taken: ['Ce créneau vient d’être pris', 'Quelqu’un vient de le réserver. Veuillez en choisir un autre.'],
  },
  changeDemo: 'Déplacer ou annuler la démo',
};
