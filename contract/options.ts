/**
 * Facts of the widget's optional features (the consent box, work addresses
 * only), shared by the widget's on-demand module and the worker. Kept apart
 * from rules.ts so that a page without these options loads none of it.
 */
/** The free-mail domains most people type; the server checks a full list, the widget these before sending. */
export const COMMON_FREE_MAIL =
  /@(gmail|googlemail|outlook|hotmail|live|msn|yahoo|ymail|aol|icloud|me|mac|gmx|web|proton|protonmail|pm|mail|yandex|zoho|qq|163)\.[a-z.]+$/;

/** The English refusals of these two options (EN_RULES has them; the on-demand module reads them here, so a plain page loads neither). */
export const OPTION_RULES_EN = {
  contact_email_work_domain: 'Please use your work email address, so we can prepare a demo for your organization.',
  consent_required: 'Please agree, so that we may contact you about the demo.',
} as const;
