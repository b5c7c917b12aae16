/**
 * The slot picker's words (SPEC 8.6), English: the keys every language's
 * picker words must have (PickerWords). Loaded with the picker only.
 */
export const EN_PICKER = {
  choose_heading: 'Choose a time',
  choose_intro: 'Free times of our team, in your time zone.',
  times_in: 'Times in {zone}',
  change_zone: 'Change time zone',
  day_list: 'Days with free times',
  time_list: 'Free times on {day}',
  loading: 'Looking for free times…',
  none: 'No free times in the next two weeks. Please tell us your preferred time instead.',
  back: 'Back to your details',
  booking: 'Booking…',
  taken: 'Someone has just booked this time. These are the nearest free ones:',
  booked_heading: 'Your demo is booked',
  booked_body: '{time} with {rep}. The invitation is on its way to {email}.',
  add_to_calendar: 'Add to calendar',
  invite_title: 'Demo with {rep}',
};
export type PickerWords = typeof EN_PICKER;
