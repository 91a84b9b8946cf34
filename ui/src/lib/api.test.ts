import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();

vi.mock('@tauri-apps/api/core', () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  Channel: class<T> {
    onmessage: (m: T) => void = () => {};
  },
}));

const api = await import('./api');

beforeEach(() => {
  invoke.mockReset();
});

describe('commands', () => {
  it.each([
    ['listYears', () => api.listYears('p1'), 'list_years', { programId: 'p1' }],
    ['listBlocks', () => api.listBlocks('y1'), 'list_blocks', { yearId: 'y1' }],
    ['connectProfile', () => api.connectProfile('office'), 'connect_profile', { name: 'office' }],
    ['listPeople', () => api.listPeople('p1'), 'list_people', { programId: 'p1' }],
    ['defaultExportPath', () => api.defaultExportPath('y1', 'schedule'), 'default_export_path', { yearId: 'y1', document: 'schedule' }],
    [
      'createProgram',
      () => api.createProgram({ code: 'GS', name: 'General Surgery', institution: 'St Elsewhere' }),
      'create_program',
      { input: { code: 'GS', name: 'General Surgery', institution: 'St Elsewhere' } },
    ],
    [
      'testServerProfile',
      () =>
        api.testServerProfile(
          { name: 'office', host: 'db', port: 5432, database: 'rotunda', user: 'me', sslmode: null, caFile: null },
          'pw',
        ),
      'test_server_profile',
      {
        profile: {
          name: 'office',
          host: 'db',
          port: 5432,
          database: 'rotunda',
          user: 'me',
          sslmode: null,
          caFile: null,
        },
        password: 'pw',
      },
    ],
  ])('%s invokes %s with camelCase args', async (_name, run, command, args) => {
    invoke.mockResolvedValue([]);
    await run();
    expect(invoke).toHaveBeenCalledWith(command, args);
  });

  it('invokes argument-free commands without args', async () => {
    invoke.mockResolvedValue(null);
    await expect(api.connectionState()).resolves.toBeNull();
    expect(invoke).toHaveBeenCalledWith('connection_state', undefined);
  });

  it('passes a channel for export progress and forwards its messages', async () => {
    const seen: unknown[] = [];
    invoke.mockImplementation(async (_cmd: string, args: { onProgress: { onmessage: (m: unknown) => void } }) => {
      args.onProgress.onmessage({ done: 1, total: 3, stage: 'Drawing' });
      return { path: '/tmp/cal.pdf', pages: 3, bytes: 1000 };
    });
    const file = await api.exportCalendarPdf('y1', '/tmp/cal.pdf', (p) => seen.push(p));
    expect(file.pages).toBe(3);
    expect(seen).toEqual([{ done: 1, total: 3, stage: 'Drawing' }]);
    expect(invoke.mock.calls[0][1]).toMatchObject({ yearId: 'y1', path: '/tmp/cal.pdf' });
  });
});

describe('errors', () => {
  it('rethrows an ErrorReport as an ApiError with its field', async () => {
    invoke.mockRejectedValue({ kind: 'invalid', message: 'Start date must be before end date.', field: 'startDate' });
    const error = await api
      .createYear({ programId: 'p', name: 'x', startDate: 'b', endDate: 'a', isCurrent: false })
      .catch((e) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect([error.kind, error.field, error.message]).toEqual([
      'invalid',
      'startDate',
      'Start date must be before end date.',
    ]);
  });

  it('rethrows anything else as kind internal', async () => {
    invoke.mockRejectedValue('invalid args `input` for command `create_year`');
    const error = await api.listPrograms().catch((e) => e);
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error.kind).toBe('internal');
    expect(error.message).toContain('invalid args');
  });

  it('reports whether the database answered', async () => {
    const seen: string[] = [];
    const stop = api.onReachability((r) => seen.push(r));
    invoke.mockRejectedValueOnce({ kind: 'unavailable', message: 'The database is not answering.', field: null });
    await api.listPrograms().catch(() => undefined);
    invoke.mockRejectedValueOnce({ kind: 'conflict', message: 'Stale.', field: null });
    await api.listPrograms().catch(() => undefined);
    invoke.mockResolvedValueOnce([]);
    await api.listPrograms();
    stop();
    invoke.mockResolvedValueOnce([]);
    await api.listPrograms();
    expect(seen).toEqual(['unavailable', 'online', 'online']);
  });
});
