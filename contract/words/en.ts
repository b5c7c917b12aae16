/**
 * English: the widget's words, whose keys every language's dictionary must
 * have (the Dictionary type). Every one can be overridden with the widget's
 * `labels` attribute (JSON). English rule messages are the checks' own
 * (contract/rules.ts), which say more than one line per rule.
 */
export const EN_LABELS = {
  heading: 'Book a demo',
  intro: 'Tell us about your organization and we will get in touch to find a time.',
  contact_name: 'Your name',
  contact_email: 'Work email',
  organization_name: 'Organization',
  contact_phone: 'Phone',
  organization_size: 'Organization size',
  organization_size_choose: 'Choose a size',
  organization_size_unit: 'members',
  preferred_date: 'Preferred time',
  preferred_date_hint: 'In your time zone ({zone}), at least 24 hours from now.',
  message: 'What would you like to see?',
  optional: '(optional)',
  privacy_link: 'Privacy policy',
  submit: 'Request a demo',
  submitting: 'Sending…',
  retry: 'Try again',
  success_heading: 'Thank you!',
  success_body: 'We have your request. A confirmation is on its way to {email}.',
  network_error: 'We could not reach our server. Your answers are still here; please try again.',
  generic_error: 'Something went wrong on our side. Please try again in a moment.',
  fix_errors: 'Please check the highlighted fields.',
};
/** The widget's words, by key. */
export type Labels = typeof EN_LABELS;
