/** Les mots du choix de créneau, en français. */
import type { PickerWords } from './en.js';

export const FR_PICKER: PickerWords = {
  choose_heading: 'Choisissez un créneau',
  choose_intro: 'Les créneaux libres de notre équipe, dans votre fuseau horaire.',
  times_in: 'Heures en {zone}',
  change_zone: 'Changer de fuseau horaire',
  day_list: 'Jours avec des créneaux libres',
  time_list: 'Créneaux libres le {day}',
  loading: 'Recherche des créneaux libres…',
  none: 'Aucun créneau libre dans les deux prochaines semaines. Indiquez-nous plutôt l’horaire qui vous convient.',
  back: 'Retour à vos coordonnées',
  booking: 'Réservation…',
  taken: 'Ce créneau vient d’être réservé. Voici les plus proches encore libres :',
  booked_heading: 'Votre démo est réservée',
  booked_body: '{time} avec {rep}. L’invitation est en route vers {email}.',
  add_to_calendar: 'Ajouter au calendrier',
  invite_title: 'Démo avec {rep}',
};
