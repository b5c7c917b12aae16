-- Search in the inbox: any part of an organization, a contact name or an
-- email (and so its domain), case- and accent-insensitive, from a trigram
-- index instead of a scan. The index holds no copy of the text: it reads
-- demo_bookings (external content) and follows it through the triggers below,
-- so an erased booking is erased from the index in the same statement.
CREATE VIRTUAL TABLE `booking_search` USING fts5(
  organization_name, contact_name, contact_email,
  content = 'demo_bookings', content_rowid = 'rowid',
  tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
INSERT INTO `booking_search` (`booking_search`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER demo_bookings_search_insert
AFTER INSERT ON demo_bookings
BEGIN
  INSERT INTO booking_search (rowid, organization_name, contact_name, contact_email)
  VALUES (new.rowid, new.organization_name, new.contact_name, new.contact_email);
END;
--> statement-breakpoint
CREATE TRIGGER demo_bookings_search_update
AFTER UPDATE OF organization_name, contact_name, contact_email ON demo_bookings
BEGIN
  INSERT INTO booking_search (booking_search, rowid, organization_name, contact_name, contact_email)
  VALUES ('delete', old.rowid, old.organization_name, old.contact_name, old.contact_email);
  INSERT INTO booking_search (rowid, organization_name, contact_name, contact_email)
  VALUES (new.rowid, new.organization_name, new.contact_name, new.contact_email);
END;
--> statement-breakpoint
-- The yearly archive moves rows out of demo_bookings: their index entries go with them.
CREATE TRIGGER demo_bookings_search_delete
AFTER DELETE ON demo_bookings
BEGIN
  INSERT INTO booking_search (booking_search, rowid, organization_name, contact_name, contact_email)
  VALUES ('delete', old.rowid, old.organization_name, old.contact_name, old.contact_email);
END;
