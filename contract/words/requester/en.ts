/** English: the words of the emails to the requester and of the pages their cancel link opens. */
import type { RequesterWords } from './index.js';

export const en: RequesterWords = {
  hello: 'Hello {name},',
  facts: {
    organization: 'Organization',
    name: 'Name',
    email: 'Email',
    size: 'Organization size',
    preferred: 'Preferred time',
    time: 'Time',
    was: 'Was',
    link: 'Meeting link',
    reason: 'Reason',
  },
  request: {
    subject: 'Your demo request',
    intro: 'Thank you for requesting a demo. We have your request and someone from our team will be in touch shortly to confirm a time.',
    cancelAsk: 'No longer need the demo?',
    cancelLink: 'Cancel the request',
  },
  confirmed: {
    subject: 'Your demo is confirmed: {when}',
    intro: 'Your demo is confirmed. The invite attached adds it to your calendar.',
  },
  newHost: {
    subject: 'Your demo on {when}: now with {rep}',
    intro: 'Your demo keeps its time; {rep} will now run it. The invite attached updates the event in your calendar.',
  },
  moved: {
    subject: 'Your demo has moved: {when}',
    intro: 'Your demo has a new time. The invite attached updates the event in your calendar.',
  },
  cantMakeIt: 'Cannot make it?',
  cancelDemo: 'Cancel the demo',
  cancelled: {
    subject: 'Your demo on {when} is cancelled',
    intro: 'Your demo is cancelled. The attached update removes it from your calendar.',
  },
  declined: {
    subject: 'About your demo request',
    intro:
      'Thank you for your interest. We are not able to schedule the demo you requested, so we have closed the request. You are welcome to ask again at any time.',
  },
  invite: { summary: 'Demo for {org}', join: 'Join: {url}', later: 'We will send the meeting details before the demo.' },
  pages: {
    confirmTitle: 'Cancel your demo request?',
    confirmBody: 'Your request for a demo for {org} will be cancelled.',
    confirmBodyWhen: 'Your request for a demo for {org} (preferred time {when}) will be cancelled.',
    confirmButton: 'Yes, cancel my request',
    keep: 'Changed your mind? Just close this page.',
    cancelled: ['Your demo request is cancelled', 'Thank you for letting us know. You are welcome to book again at any time.'],
    alreadyCancelled: ['Already cancelled', 'This demo request is cancelled. Nothing more to do.'],
    notCancellable: ['This request can no longer be cancelled', 'Please reply to your confirmation email if anything has changed.'],
    notFound: ['Request not found', 'We could not find this demo request.'],
    expired: ['This link has expired', 'Please reply to your confirmation email and we will cancel the request for you.'],
    broken: ['This link does not work', 'Please use the link from your confirmation email exactly as it was sent.'],
    demoTitle: 'Your demo',
    demoBody: 'Your demo for {org} with {rep} is on {when}. Choose another time, or cancel it.',
    otherTimes: 'Other free times with {rep}',
    noOtherTimes: 'No other free time in the next two weeks.',
    moveButton: 'Move my demo to {when}',
    cancelDemoButton: 'Cancel my demo',
    moved: ['Your demo has moved', 'The new time is {when}. An updated invitation is on its way.'],
    taken: ['That time was just taken', 'Someone booked it a moment ago. Please choose another one.'],
  },
  changeDemo: 'Move or cancel the demo',
};
