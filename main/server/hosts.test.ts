import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { allowedHostHeaders, hostNames, originFor } from './hosts';

describe('Host names a server answers to', () => {
  it('are loopback and the bound address when bound to one address', () => {
    expect(hostNames('127.0.0.1').sort()).toEqual(['127.0.0.1', '[::1]', 'localhost'].sort());
    expect(hostNames('192.168.1.5').sort()).toEqual(
      ['127.0.0.1', '192.168.1.5', '[::1]', 'localhost'].sort(),
    );
    expect(hostNames('::1')).toEqual(['127.0.0.1', 'localhost', '[::1]']);
    expect(hostNames('fe80::1')).toContain('[fe80::1]');
  });

  it('include this machine’s own addresses and name when bound to every interface, and nothing else', () => {
    for (const bound of ['0.0.0.0', '::']) {
      const names = hostNames(bound);
      expect(names).toContain(os.hostname());
      const own = Object.values(os.networkInterfaces())
        .flat()
        .map((a) => a!.address.split('%')[0]!);
      for (const address of own) expect(names).toContain(address.includes(':') ? `[${address}]` : address);
      expect(names).not.toContain('evil.example');
    }
  });

  it('are accepted with the port, in lower case; bare only on port 80', () => {
    expect([...allowedHostHeaders('127.0.0.1', 4321)].sort()).toEqual(
      ['127.0.0.1:4321', '[::1]:4321', 'localhost:4321'].sort(),
    );
    expect([...allowedHostHeaders('MyBox.local', 80)].sort()).toEqual(
      [
        '127.0.0.1',
        '127.0.0.1:80',
        '[::1]',
        '[::1]:80',
        'localhost',
        'localhost:80',
        'mybox.local',
        'mybox.local:80',
      ].sort(),
    );
  });
});

describe('the origin printed', () => {
  it('is the bound address, loopback for every interface, IPv6 in brackets', () => {
    expect(originFor('127.0.0.1', 5)).toBe('http://127.0.0.1:5');
    expect(originFor('0.0.0.0', 5)).toBe('http://127.0.0.1:5');
    expect(originFor('::', 5)).toBe('http://127.0.0.1:5');
    expect(originFor('::1', 5)).toBe('http://[::1]:5');
    expect(originFor('localhost', 5)).toBe('http://localhost:5');
  });
});
