/** Español: las palabras del widget y el mensaje de cada regla con la que un visitante puede encontrarse. */
import type { Dictionary } from '../i18n.js';

export const es: Dictionary = {
  labels: {
    heading: 'Solicita una demo',
    intro: 'Cuéntanos sobre tu organización y nos pondremos en contacto para encontrar un horario.',
    contact_name: 'Tu nombre',
    contact_email: 'Correo electrónico del trabajo',
    organization_name: 'Organización',
    contact_phone: 'Teléfono',
    organization_size: 'Tamaño de la organización',
    organization_size_choose: 'Elige un tamaño',
    organization_size_unit: 'miembros',
    preferred_date: 'Horario preferido',
    preferred_date_hint: 'En tu zona horaria ({zone}), con al menos 24 horas de antelación.',
    message: '¿Qué te gustaría ver?',
    optional: '(opcional)',
    privacy_link: 'Política de privacidad',
    submit: 'Solicitar una demo',
    submitting: 'Enviando…',
    retry: 'Intentar de nuevo',
    success_heading: '¡Gracias!',
    success_body: 'Hemos recibido tu solicitud. Te hemos enviado una confirmación a {email}.',
    network_error: 'No hemos podido conectar con nuestro servidor. Tus respuestas siguen aquí; vuelve a intentarlo.',
    generic_error: 'Algo ha fallado por nuestra parte. Vuelve a intentarlo en un momento.',
    fix_errors: 'Revisa los campos marcados.',
  },
  rules: {
    organization_name_not_empty:
      'Indica el nombre de tu organización (200 caracteres como máximo, sin caracteres invisibles, sin direcciones web o de correo ni números de teléfono).',
    contact_name_not_empty:
      'Indica tu nombre (200 caracteres como máximo, sin caracteres invisibles, sin direcciones web o de correo ni números de teléfono).',
    contact_email_format: 'Introduce un correo electrónico válido, por ejemplo nombre@empresa.es.',
    contact_email_work_domain: 'Usa tu correo electrónico del trabajo para que podamos preparar una demo pensada para tu organización.',
    contact_phone_format: 'Introduce un número de teléfono de 7 a 15 dígitos.',
    organization_size_value: 'Elige uno de los tamaños de la lista.',
    preferred_date_format: 'Elige una fecha y una hora válidas.',
    preferred_date_must_be_future: 'Elige un horario con al menos 24 horas de antelación.',
    preferred_date_max_ahead: 'Elige un horario dentro de los próximos 365 días.',
    message_max_length: 'Tu mensaje puede tener como máximo 5000 caracteres y ningún carácter de control.',
    rate_limit_per_email:
      'Ahora mismo no podemos aceptar otra solicitud para esta dirección. Inténtalo más tarde o responde a uno de nuestros correos.',
    rate_limit_per_ip: 'Demasiadas solicitudes desde esta red. Vuelve a intentarlo dentro de un minuto.',
    turnstile_token_expired: 'La comprobación antispam ha caducado. Vuelve a enviar el formulario.',
    consent_required: 'Da tu consentimiento para que podamos contactarte sobre la demo.',
    slot_unavailable: 'Alguien acaba de reservar este horario. Elige otro, por favor.',
  },
  check_fields: 'Hay campos que debes revisar.',
};
