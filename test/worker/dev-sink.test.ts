import { env } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app.js';
import { PRODUCTION } from './helpers.js';

const body = JSON.stringify({ type: 'demo_booking.created', timestamp: new Date().toISOString(), data: { id: 'x' } });
const signed = (secret: string) => {
  const id = 'msg_1';
  const at = new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
};

describe('development webhook sink', () => {
  it('accepts a correctly signed event and refuses a forged one', async () => {
    const ok = await app.request('/dev/webhook-sink', { method: 'POST', headers: signed(env.WEBHOOK_SECRET), body }, env);
    expect(ok.status).toBe(204);
    const forged = await app.request(
      '/dev/webhook-sink',
      { method: 'POST', headers: signed('whsec_Zm9yZ2VkIGtleSBmb3IgdGVzdGluZyBvbmx5'), body },
      env,
    );
    expect(forged.status).toBe(400);
  });

  it('does not exist outside development', async () => {
    const res = await app.request(
      '/dev/webhook-sink',
      { method: 'POST', headers: signed(env.WEBHOOK_SECRET), body },
      { ...env, ...PRODUCTION },
    );
    expect(res.status).toBe(404);
  });
});
