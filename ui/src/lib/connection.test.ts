import { describe, expect, it } from 'vitest';
import { defaultSslMode, SSL_MODE_OPTIONS } from './connection';

describe('defaultSslMode', () => {
  it.each([
    ['localhost', 'prefer'],
    ['LocalHost', 'prefer'],
    [' 127.0.0.1 ', 'prefer'],
    ['::1', 'prefer'],
    ['[::1]', 'prefer'],
    ['db.example.org', 'verify_full'],
    ['127.0.0.2', 'verify_full'],
    ['localhost.example.org', 'verify_full'],
    ['', 'verify_full'],
  ])('%j -> %s', (host, mode) => {
    expect(defaultSslMode(host)).toBe(mode);
  });

  it('offers every SSL mode exactly once', () => {
    const values = SSL_MODE_OPTIONS.map((o) => o.value).sort();
    expect(values).toEqual(['disable', 'prefer', 'require', 'verify_ca', 'verify_full']);
  });
});
