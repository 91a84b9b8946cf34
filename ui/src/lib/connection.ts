// Server-profile form rules: which SSL mode a host defaults to, and the labels of the modes.
import type { SslMode } from './bindings';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True for hosts that never leave this computer. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.trim().toLowerCase());
}

/** "prefer" for this computer, "verify_full" for any other host (including an empty one). */
export function defaultSslMode(host: string): SslMode {
  return isLoopback(host) ? 'prefer' : 'verify_full';
}

export const SSL_MODE_OPTIONS: ReadonlyArray<{ value: SslMode; label: string }> = [
  { value: 'verify_full', label: 'verify_full (check certificate and host)' },
  { value: 'verify_ca', label: 'verify_ca (check certificate)' },
  { value: 'require', label: 'require (encrypt, no checks)' },
  { value: 'prefer', label: 'prefer (encrypt if offered)' },
  { value: 'disable', label: 'disable (no encryption)' },
];
