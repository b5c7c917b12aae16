/**
 * Facts of the widget's optional features (the consent box, work addresses
 * only), shared by the widget's on-demand module and the worker. Kept apart
 * from rules.ts so that a page without these options loads none of it.
 */
/** The free-mail domains most people type; the server checks a full list, the widget these before sending. */
export const COMMON_FREE_MAIL =
  /@(gmail|googlemail|outlook|hotmail|live|msn|yahoo|ymail|aol|icloud|me|mac|gmx|web|proton|protonmail|pm|mail|yandex|zoho|qq|163)\.[a-z.]+$/;
