/**
 * Bad inputs, one field each, with the rule that must refuse them. Tests run
 * this table through the widget's validation and against the API: both must
 * name the same rule. Not imported by the widget bundle.
 */
import type { BookingField } from './limits.js';
import type { RuleName } from './rules.js';

export interface BadInput {
  field: BookingField;
  value: string;
  rule: RuleName;
}

export const BAD_INPUTS: readonly BadInput[] = [
  { field: 'organization_name', value: '   ', rule: 'organization_name_not_empty' },
  { field: 'organization_name', value: 'x'.repeat(201), rule: 'organization_name_not_empty' },
  { field: 'contact_name', value: '', rule: 'contact_name_not_empty' },
  // Shows nothing: a zero-width space and a Hangul filler are not a name.
  { field: 'contact_name', value: '\u200b\u3164', rule: 'contact_name_not_empty' },
  // A right-to-left override would make the name read backwards in the console and the email.
  { field: 'organization_name', value: 'Acme\u202eevil', rule: 'organization_name_not_empty' },
  { field: 'contact_email', value: 'ada@localhost', rule: 'contact_email_format' },
  { field: 'contact_email', value: 'ada lovelace@example.com', rule: 'contact_email_format' },
  { field: 'contact_email', value: 'ada@@example.com', rule: 'contact_email_format' },
  { field: 'contact_phone', value: '12 34', rule: 'contact_phone_format' },
  { field: 'contact_phone', value: '+1 (555) 010-9999 ext 12', rule: 'contact_phone_format' },
  { field: 'message', value: 'm'.repeat(5001), rule: 'message_max_length' },
];
