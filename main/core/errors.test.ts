import { describe, expect, it } from 'vitest';
import { EngineError, reviveError } from './errors';

describe('errors that crossed a thread', () => {
  it('come back as EngineError with their code when the code is the contract’s', () => {
    const e = reviveError('gone', 'not_found', 'Error: gone\n    at somewhere');
    expect(e).toBeInstanceOf(EngineError);
    expect(e).toMatchObject({ code: 'not_found', message: 'gone', name: 'EngineError' });
    expect(e.stack).toBe('Error: gone\n    at somewhere');
  });

  it('come back as plain errors with any other code (a Node or SQLite code is not an API answer)', () => {
    for (const code of ['SQLITE_BUSY', 'ENOENT', undefined]) {
      const e = reviveError('low level', code);
      expect(e).not.toBeInstanceOf(EngineError);
      expect(e.message).toBe('low level');
      expect(e.stack).toMatch(/low level/);
    }
  });
});
