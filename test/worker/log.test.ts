import { describe, expect, it, vi } from 'vitest';
import { logger } from '../../worker/log.js';

describe('the logger', () => {
  it('writes one JSON line with the event and its scope, and never a personal field', () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
    logger({ request_id: 'req-1' }).info('booking_caught_as_spam', {
      reason: 'honeypot',
      contact_email: 'ada@example.com',
      contact_name: 'Ada',
      ip: '203.0.113.7',
      message: 'hello',
    });
    const line = spy.mock.calls[0]![0] as string;
    spy.mockRestore();
    expect(JSON.parse(line)).toEqual({ event: 'booking_caught_as_spam', request_id: 'req-1', reason: 'honeypot' });
    expect(line).not.toMatch(/ada|203\.0\.113|hello/i);
  });

  it('scopes consumer lines by task_id', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    logger({ task_id: 't-9' }).error('task_dead_lettered', { error: 'HTTP 500' });
    const line = JSON.parse(spy.mock.calls[0]![0] as string);
    spy.mockRestore();
    expect(line).toEqual({ event: 'task_dead_lettered', task_id: 't-9', error: 'HTTP 500' });
  });
});
