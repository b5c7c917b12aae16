/** Français : les mots du widget et le message de chaque règle qu’un visiteur peut rencontrer. */
import type { Dictionary } from '../i18n.js';

export const fr: Dictionary = {
  labels: {
    heading: 'Demander une démo',
    intro: 'Parlez-nous de votre organisation : nous revenons vers vous pour convenir d’un créneau.',
    contact_name: 'Votre nom',
    contact_email: 'E-mail professionnel',
    organization_name: 'Organisation',
    contact_phone: 'Téléphone',
    organization_size: 'Taille de l’organisation',
    organization_size_choose: 'Choisissez une taille',
    organization_size_unit: 'membres',
    preferred_date: 'Créneau souhaité',
    preferred_date_hint: 'Dans votre fuseau horaire ({zone}), au moins 24 heures à l’avance.',
    message: 'Que souhaitez-vous voir ?',
    optional: '(facultatif)',
    privacy_link: 'Politique de confidentialité',
    submit: 'Demander une démo',
    submitting: 'Envoi en cours…',
    retry: 'Réessayer',
    success_heading: 'Merci !',
    success_body: 'Nous avons bien reçu votre demande. Une confirmation est en route vers {email}.',
    network_error: 'Impossible de joindre notre serveur. Vos réponses sont conservées ; veuillez réessayer.',
    generic_error: 'Un problème est survenu de notre côté. Veuillez réessayer dans un instant.',
    fix_errors: 'Veuillez vérifier les champs signalés.',
  },
  rules: {
    organization_name_not_empty:
      'Veuillez indiquer le nom de votre organisation (200 caractères au plus, sans caractères invisibles, sans adresse web ou e-mail ni numéro de téléphone).',
    contact_name_not_empty:
      'Veuillez indiquer votre nom (200 caractères au plus, sans caractères invisibles, sans adresse web ou e-mail ni numéro de téléphone).',
    contact_email_format: 'Veuillez saisir une adresse e-mail valide, par exemple nom@entreprise.fr.',
    contact_email_work_domain:
      'Veuillez utiliser votre adresse e-mail professionnelle, afin que nous préparions une démo adaptée à votre organisation.',
    contact_phone_format: 'Veuillez saisir un numéro de téléphone de 7 à 15 chiffres.',
    organization_size_value: 'Veuillez choisir l’une des tailles proposées.',
    preferred_date_format: 'Veuillez choisir une date et une heure valides.',
    preferred_date_must_be_future: 'Veuillez choisir un créneau au moins 24 heures à l’avance.',
    preferred_date_max_ahead: 'Veuillez choisir un créneau dans les 365 prochains jours.',
    message_max_length: 'Votre message ne doit pas dépasser 5 000 caractères ni contenir de caractères de contrôle.',
    rate_limit_per_email:
      'Nous ne pouvons pas accepter d’autre demande pour cette adresse pour le moment. Réessayez plus tard ou répondez à l’un de nos e-mails.',
    rate_limit_per_ip: 'Trop de demandes depuis ce réseau. Veuillez réessayer dans une minute.',
    turnstile_token_expired: 'La vérification anti-spam a expiré. Veuillez renvoyer le formulaire.',
    consent_required: 'Veuillez donner votre accord pour que nous puissions vous contacter au sujet de la démo.',
    slot_unavailable: 'Ce créneau vient d’être réservé. Veuillez en choisir un autre.',
  },
  check_fields: 'Certains champs sont à revoir.',
};
