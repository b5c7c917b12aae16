/** Español: the words of the emails to the requester and of the pages their cancel link opens. */
import type { RequesterWords } from './index.js';

export const es: RequesterWords = {
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
  newHost: {
    subject: 'Tu demo del {when}: ahora con {rep}',
    intro: 'Tu demo mantiene su horario; ahora la presentará {rep}. La invitación adjunta actualiza el evento en tu calendario.',
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
  pages: {
    confirmTitle: '¿Cancelar tu solicitud de demo?',
    confirmBody: 'Tu solicitud de demo para {org} se cancelará.',
    confirmBodyWhen: 'Tu solicitud de demo para {org} (horario preferido: {when}) se cancelará.',
    confirmButton: 'Sí, cancelar mi solicitud',
    keep: '¿Has cambiado de idea? Simplemente cierra esta página.',
    cancelled: ['Tu solicitud de demo está cancelada', 'Gracias por avisarnos. Puedes volver a solicitarla cuando quieras.'],
    alreadyCancelled: ['Ya está cancelada', 'Esta solicitud de demo está cancelada. No hay nada más que hacer.'],
    notCancellable: ['Esta solicitud ya no se puede cancelar', 'Responde a tu email de confirmación si algo ha cambiado.'],
    notFound: ['Solicitud no encontrada', 'No hemos encontrado esta solicitud de demo.'],
    expired: ['Este enlace ha caducado', 'Responde a tu email de confirmación y cancelaremos la solicitud por ti.'],
    broken: ['Este enlace no funciona', 'Usa el enlace de tu email de confirmación tal como se envió.'],
    demoTitle: 'Tu demo',
    demoBody: 'Tu demo para {org} con {rep} es el {when}. Elige otro horario o cancélala.',
    otherTimes: 'Otros horarios libres con {rep}',
    noOtherTimes: 'No hay otro horario libre en las próximas dos semanas.',
    moveButton: 'Mover mi demo al {when}',
    cancelDemoButton: 'Cancelar mi demo',
    moved: ['Tu demo se ha movido', 'El nuevo horario es el {when}. Va de camino una invitación actualizada.'],
    taken: ['Ese horario acaba de ocuparse', 'Alguien lo ha reservado hace un momento. Elige otro, por favor.'],
  },
  changeDemo: 'Mover o cancelar la demo',
};
