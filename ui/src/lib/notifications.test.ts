import { describe, expect, it } from 'vitest';
import { ago, badge, deliveryLabel, retrySchedule, webhookForm } from './notifications';

describe('deliveryLabel', () => {
  it('says where a delivery stands', () => {
    expect(deliveryLabel({ delivery: null, deliveryAttempts: 0, deliveryError: null })).toBeNull();
    expect(deliveryLabel({ delivery: 'pending', deliveryAttempts: 0, deliveryError: null })).toBe('Waiting to be sent');
    expect(deliveryLabel({ delivery: 'pending', deliveryAttempts: 2, deliveryError: 'x' })).toBe(
      'Trying again (2 tries so far)',
    );
    expect(deliveryLabel({ delivery: 'dead', deliveryAttempts: 8, deliveryError: 'the webhook answered 404' })).toBe(
      'Not sent: the webhook answered 404',
    );
    expect(deliveryLabel({ delivery: 'delivered', deliveryAttempts: 1, deliveryError: null })).toBe(
      'Sent to the webhook',
    );
  });
});

describe('ago', () => {
  const now = new Date('2026-11-22T18:00:00Z');
  it('counts minutes, hours, then days', () => {
    expect(ago('2026-11-22T17:59:40Z', now)).toBe('just now');
    expect(ago('2026-11-22T17:55:00Z', now)).toBe('5 min ago');
    expect(ago('2026-11-22T15:00:00Z', now)).toBe('3 h ago');
    expect(ago('2026-11-21T12:00:00Z', now)).toBe('yesterday');
    expect(ago('2026-11-01T12:00:00Z', now)).toBe('2026-11-01');
  });
});

describe('badge', () => {
  it('hides zero and caps at 99+', () => {
    expect(badge(0)).toBeNull();
    expect(badge(7)).toBe('7');
    expect(badge(100)).toBe('99+');
  });
});

describe('webhookForm', () => {
  it('starts a first webhook with the defaults and keeps a saved one, secret untouched', () => {
    expect(webhookForm(null)).toMatchObject({ url: '', enabled: true, maxAttempts: 8, version: null, secret: null });
    const saved = webhookForm({
      url: 'https://h.example.org/x',
      enabled: false,
      maxAttempts: 3,
      backoffSeconds: 10,
      timeoutMs: 500,
      caPem: null,
      hasSecret: true,
      version: 4,
    });
    expect(saved).toEqual({
      url: 'https://h.example.org/x',
      enabled: false,
      maxAttempts: 3,
      backoffSeconds: 10,
      timeoutMs: 500,
      caPem: null,
      version: 4,
      secret: null,
    });
  });
});

describe('retrySchedule', () => {
  it('doubles the first wait and stops at six hours', () => {
    expect(retrySchedule(30, 4)).toBe('30 s, 1 min, 2 min');
    expect(retrySchedule(30, 1)).toBe('no retries');
    expect(retrySchedule(3600, 5)).toBe('1 h, 2 h, 4 h, 6 h');
  });
});
