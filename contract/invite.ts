/**
 * The calendar event of a booked demo has one UID everywhere: in every
 * invitation the server emails (prospect and rep, each SEQUENCE) and in the
 * widget's "Add to calendar" file, so a calendar holds one event per booking.
 */

/** `<booking id>@<the API's host>`. */
export const inviteUid = (bookingId: string, apiBase: string) => `${bookingId}@${new URL(apiBase).hostname}`;

/**
 * A test for the UIDs of demos this API (at `apiBase`) booked: such an event on
 * a rep's calendar is that booking, not other busy time. The host is read once.
 */
export function ownInviteUids(apiBase: string): (uid: string) => boolean {
  const host = new URL(apiBase).hostname;
  return (uid) => {
    const at = uid.lastIndexOf('@');
    return (
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uid.slice(0, at)) && uid.slice(at + 1).toLowerCase() === host
    );
  };
}
