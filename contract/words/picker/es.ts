/** Las palabras del selector de horarios, en español. */
import type { PickerWords } from './en.js';

export const ES_PICKER: PickerWords = {
  choose_heading: 'Elige un horario',
  choose_intro: 'Horarios libres de nuestro equipo, en tu zona horaria.',
  times_in: 'Horas en {zone}',
  change_zone: 'Cambiar zona horaria',
  day_list: 'Días con horarios libres',
  time_list: 'Horarios libres el {day}',
  loading: 'Buscando horarios libres…',
  none: 'No hay horarios libres en las próximas dos semanas. Indícanos tu horario preferido.',
  back: 'Volver a tus datos',
  booking: 'Reservando…',
  taken: 'Alguien acaba de reservar este horario. Estos son los más cercanos libres:',
  booked_heading: 'Tu demo está reservada',
  booked_body: '{time} con {rep}. La invitación va de camino a {email}.',
  add_to_calendar: 'Añadir al calendario',
  invite_title: 'Demo con {rep}',
};
