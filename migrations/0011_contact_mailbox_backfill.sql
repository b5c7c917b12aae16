-- The mailbox of every stored address (contract/rules.ts canonicalMailbox):
-- a +tag dropped, and for Gmail the dots ignored and googlemail.com read as
-- gmail.com. Addresses are already stored lower-cased.
UPDATE demo_bookings SET contact_mailbox =
  (CASE WHEN substr(contact_email, instr(contact_email, '@') + 1) IN ('gmail.com', 'googlemail.com')
    THEN replace(CASE WHEN instr(substr(contact_email, 1, instr(contact_email, '@') - 1), '+') > 1
      THEN substr(contact_email, 1, instr(contact_email, '+') - 1) ELSE substr(contact_email, 1, instr(contact_email, '@') - 1) END, '.', '')
    ELSE CASE WHEN instr(substr(contact_email, 1, instr(contact_email, '@') - 1), '+') > 1
      THEN substr(contact_email, 1, instr(contact_email, '+') - 1) ELSE substr(contact_email, 1, instr(contact_email, '@') - 1) END END)
  || '@' ||
  (CASE WHEN substr(contact_email, instr(contact_email, '@') + 1) IN ('gmail.com', 'googlemail.com')
    THEN 'gmail.com' ELSE substr(contact_email, instr(contact_email, '@') + 1) END)
WHERE contact_mailbox IS NULL;
