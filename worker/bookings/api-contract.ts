/**
 * The API's zod schemas against contract/api.ts, checked by the type checker
 * alone (nothing here runs): when a schema, a view or a contract type drifts,
 * `npm run typecheck` fails on the line that names it.
 */
import type { z } from '@hono/zod-openapi';
import type * as Api from '../../contract/api.js';
import type * as Routing from '../routing/schemas.js';
import type * as Slots from '../slots/schemas.js';
import type * as TeamAnswers from '../team/answers.js';
import type * as TeamRequests from '../team/requests.js';
import type * as Answers from './answers.js';
import type { EventView } from './history.js';
import type * as Requests from './requests.js';
import type { BookingView } from './view.js';

/** True when each type is assignable to the other: no field missing, extra, looser or narrower on either side. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles only for `true`. */
type Holds<T extends true> = T;
type Out<S> = S extends () => z.ZodType ? z.output<ReturnType<S>> : S extends z.ZodType ? z.output<S> : never;
type In<S> = S extends z.ZodType ? z.input<S> : never;

/** Each answer's schema, the view the worker builds, and the contract type say the same. */
export type ApiContract = [
  Holds<Same<Out<typeof Answers.bookingSchema>, Api.Booking>>,
  Holds<Same<BookingView, Api.Booking>>,
  Holds<Same<Out<typeof Answers.bookingDetailSchema>, Api.BookingDetail>>,
  Holds<Same<Out<typeof Answers.bookingPageSchema>, Api.BookingPage>>,
  Holds<Same<Out<typeof Routing.routingSchema>, Api.Routing>>,
  Holds<Same<Out<typeof Routing.routingHistorySchema>, Api.RoutingHistory>>,
  Holds<Same<Out<typeof Routing.dryRunAnswerSchema>, Api.RoutingDryRun>>,
  Holds<Same<Out<typeof Answers.demoListSchema>, Api.DemoList>>,
  Holds<Same<Out<typeof Answers.createdBookingSchema>, Api.CreatedBooking>>,
  Holds<Same<Out<typeof Answers.insightsSchema>, Api.Insights>>,
  Holds<Same<Out<typeof Answers.reportSchema>, Api.Report>>,
  Holds<Same<Out<typeof Answers.statusCountsSchema>, Api.StatusCounts>>,
  Holds<Same<Out<typeof Answers.bookingsVersionSchema>, Api.BookingsVersion>>,
  Holds<Same<Out<typeof Answers.redeliveryOfAllSchema>, Api.RedeliveryOfAll>>,
  Holds<Same<Out<typeof Answers.personErasedSchema>, Api.PersonErased>>,
  Holds<Same<Out<typeof Answers.bookingEventSchema>, Api.HistoryEntry>>,
  Holds<Same<Omit<EventView, 'details'>, Omit<Api.HistoryEntry, 'details'>>>,
  Holds<Same<In<typeof Requests.patchBookingSchema>, Api.PatchBookingRequest>>,
  Holds<Same<Out<typeof TeamAnswers.feedSchema>, Api.CalendarFeed>>,
  Holds<Same<Out<typeof TeamAnswers.repSchema>, Api.SalesRep>>,
  Holds<Same<Out<typeof TeamAnswers.repDetailSchema>, Api.SalesRepDetail>>,
  Holds<Same<Out<typeof TeamAnswers.teamPageSchema>, Api.TeamPage>>,
  Holds<Same<Out<typeof TeamAnswers.teamSyncSchema>, Api.TeamSync>>,
  Holds<Same<Out<typeof TeamAnswers.busyPageSchema>, Api.BusyPage>>,
  Holds<Same<Out<typeof TeamAnswers.teamEventSchema>, Api.TeamHistoryEntry>>,
  Holds<Same<In<typeof TeamRequests.createRepSchema>, Api.CreateRepRequest>>,
  Holds<Same<In<typeof TeamRequests.patchRepSchema>, Api.PatchRepRequest>>,
  Holds<Same<In<typeof TeamRequests.addFeedSchema>, Api.AddFeedRequest>>,
  Holds<Same<In<typeof Slots.slotsRequestSchema>, Api.SlotsRequest>>,
  Holds<Same<Out<typeof Slots.slotsAnswerSchema>, Api.SlotsAnswer>>,
];
