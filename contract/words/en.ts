/**
 * English: the widget's words, whose keys every language's dictionary must
 * have (the Dictionary type). Every one can be overridden with the widget's
 * `labels` attribute (JSON).
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

/**
 * The English checks' own words (contract/rules.ts), which name the exact
 * reason and limit where one line per rule cannot.
 */
export const EN_CHECKS = {
  invisible: 'Please remove the invisible or control characters.',
  enter: (label: string) => `Please enter ${label}.`,
  keepUnder: (label: string, max: number) => `Please keep ${label} under ${max} characters.`,
  noContactDetails: (label: string) => `Please enter ${label} without a web address, an email address or a phone number.`,
  atMost: (label: string, max: number) => `${label} can be at most ${max} characters.`,
  emailMissing: 'Please enter your email address.',
  emailFormat: 'Please enter a valid email address, like name@company.com.',
  sizeValue: 'Please choose one of the listed sizes.',
  dateFormat: 'Please choose a valid date and time.',
  phoneDigits: (min: number, max: number) => `Please enter a phone number of ${min} to ${max} digits.`,
  leadHours: (hours: number) => `Please choose a time at least ${hours} hours from now.`,
  aheadDays: (days: number) => `Please choose a time within the next ${days} days.`,
  organizationName: 'your organization’s name',
  contactName: 'your name',
  message: 'The message',
  sourceUrl: 'The page address must be an http(s) URL.',
  referrer: 'The referrer must be an http(s) URL.',
  landingPage: 'The landing page must be an http(s) URL.',
  timeZone: 'Unknown time zone.',
};

/** The top of a refusal whose fields are listed. */
export const EN_CHECK_FIELDS = 'Some fields need another look.';
