// The notification centre's words: kinds, delivery states, how long ago, and the webhook form's
// defaults. Pure, so the screens stay thin.
import type { Notification, NotificationKind, WebhookInput, WebhookSettings } from './bindings';

export const KIND_LABELS: Record<NotificationKind, string> = {
  assessment_owed: 'Assessment owed',
  agreement_expiring: 'Agreement expiring',
  ccc_invitation: 'CCC invitation',
  hours_violation: 'Work-hour violation',
  import_failed: 'Import failed',
};

export const KINDS = Object.keys(KIND_LABELS) as NotificationKind[];

/** The webhook's side of a notification, in words; null when none was queued. */
export function deliveryLabel(n: Pick<Notification, 'delivery' | 'deliveryAttempts' | 'deliveryError'>): string | null {
  switch (n.delivery) {
    case null:
      return null;
    case 'delivered':
      return 'Sent to the webhook';
    case 'dead':
      return `Not sent: ${n.deliveryError ?? 'gave up'}`;
    default:
      return n.deliveryAttempts === 0
        ? 'Waiting to be sent'
        : `Trying again (${n.deliveryAttempts} ${n.deliveryAttempts === 1 ? 'try' : 'tries'} so far)`;
  }
}

/** "just now", "5 min ago", "3 h ago", "yesterday", else the day. */
export function ago(instant: string, now: Date): string {
  const then = new Date(instant);
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  if (hours < 48) return 'yesterday';
  return then.toISOString().slice(0, 10);
}

/** The sidebar's badge: none at zero, "99+" past 99. */
export function badge(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 99 ? '99+' : String(unread);
}

/** The form's values: the saved settings, or sensible ones for a first webhook. */
export function webhookForm(saved: WebhookSettings | null): WebhookInput {
  return saved
    ? {
        url: saved.url,
        enabled: saved.enabled,
        maxAttempts: saved.maxAttempts,
        backoffSeconds: saved.backoffSeconds,
        timeoutMs: saved.timeoutMs,
        caPem: saved.caPem,
        version: saved.version,
        secret: null,
      }
    : {
        url: '',
        enabled: true,
        maxAttempts: 8,
        backoffSeconds: 30,
        timeoutMs: 10_000,
        caPem: null,
        version: null,
        secret: null,
      };
}

/** The waits a failing delivery goes through before it is given up, e.g. "30 s, 1 min, 2 min". */
export function retrySchedule(backoffSeconds: number, maxAttempts: number): string {
  const waits: string[] = [];
  for (let attempt = 1; attempt < maxAttempts; attempt++) {
    const s = Math.min(backoffSeconds * 2 ** (attempt - 1), 6 * 3600);
    waits.push(s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${Math.round((s / 3600) * 10) / 10} h`);
  }
  return waits.length === 0 ? 'no retries' : waits.join(', ');
}
