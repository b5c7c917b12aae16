/**
 * Live slots (SPEC 8.3, 8.4): what the slots answer holds, and the defaults
 * of the settings that shape it (each a variable of wrangler.toml).
 */

/** `slots` when the team has at least one active rep; `preferred_time` sends the widget to the preferred-time form. */
export const SLOT_MODES = ['slots', 'preferred_time'] as const;
export type SlotMode = (typeof SLOT_MODES)[number];

export const SLOT_DEFAULTS = {
  /** A rep is kept free this long before and after each demo. */
  bufferMinutes: 10,
  /** The earliest slot is this far ahead (the seed's 24 hours). */
  minNoticeHours: 24,
  /** Starts lie on this grid, counted from the rep's local hour. */
  slotStepMinutes: 30,
  /** A rep takes at most this many demos on one of their days. */
  maxDemosPerRepPerDay: 6,
} as const;

export const SLOT_LIMITS = {
  /** Days one slots answer covers, by default and at most. */
  daysDefault: 14,
  daysMax: 31,
  /** Alternatives a refused slot comes with. */
  alternativesMax: 5,
} as const;
