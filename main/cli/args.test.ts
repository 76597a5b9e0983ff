import { describe, expect, it } from 'vitest';
import { parseCli } from './args';

describe('keel command line', () => {
  it('serves on loopback, any free port and a new token by default', () => {
    expect(parseCli(['serve'], {})).toEqual({
      command: 'serve',
      dataDir: undefined,
      host: '127.0.0.1',
      port: 0,
      token: undefined,
      demoSize: 'default',
      simMarket: undefined,
    });
  });

  it('takes every option, and the token from KEEL_TOKEN', () => {
    expect(
      parseCli(
        [
          'serve',
          '--data-dir',
          '/d',
          '--host',
          '0.0.0.0',
          '--port',
          '8123',
          '--demo-size',
          'large',
          '--sim-market',
          'always',
        ],
        {
          KEEL_TOKEN: 'abcdefghijklmnop',
        },
      ),
    ).toEqual({
      command: 'serve',
      dataDir: '/d',
      host: '0.0.0.0',
      port: 8123,
      token: 'abcdefghijklmnop',
      demoSize: 'large',
      simMarket: 'always',
    });
  });

  it('says what is wrong with bad input', () => {
    expect(() => parseCli([], {})).toThrow(/keel serve/);
    expect(() => parseCli(['launch'], {})).toThrow(/Unknown command "launch"/);
    expect(() => parseCli(['serve', '--port', '99999'], {})).toThrow(/--port must be/);
    expect(() => parseCli(['serve', '--port', 'abc'], {})).toThrow(/--port must be/);
    expect(() => parseCli(['serve', '--token', 'short'], {})).toThrow(/at least 16/);
    expect(() => parseCli(['serve'], { KEEL_TOKEN: 'has spaces in it ok?' })).toThrow(/KEEL_TOKEN/);
    expect(() => parseCli(['serve', '--demo-size', 'huge'], {})).toThrow(/--demo-size/);
    expect(() => parseCli(['serve', '--sim-market', 'weekends'], {})).toThrow(
      '--sim-market must be "sessions" or "always", not "weekends".',
    );
    expect(() => parseCli(['serve', '--nope'], {})).toThrow(/Unknown option/);
    expect(() => parseCli(['serve', '--host', ''], {})).toThrow(/--host needs a value/);
    expect(() => parseCli(['serve', '--port', ' '], {})).toThrow(/--port needs a value/);
    expect(() => parseCli(['serve', '--data-dir', ''], {})).toThrow(/--data-dir needs a value/);
  });

  it('knows help and version', () => {
    expect(parseCli(['--help'], {})).toEqual({ command: 'help' });
    expect(parseCli(['-v'], {})).toEqual({ command: 'version' });
  });
});
