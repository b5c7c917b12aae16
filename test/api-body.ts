/** The one way tests read an API answer: its JSON body, typed by the contract (contract/api.ts). */

/**
 * The body of an answer (a fetch Response or Playwright's), as the contract type the test names.
 *
 * @example const { id } = await bodyOf<CreatedBooking>(res);
 */
export const bodyOf = <T>(res: { json(): Promise<unknown> }): Promise<T> => res.json() as Promise<T>;
