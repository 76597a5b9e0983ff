import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestPath } from './request-path';

const at = (url: string | undefined) => requestPath({ url } as http.IncomingMessage);

describe('the path of a request target', () => {
  it('is the origin-form path without query or fragment, still encoded', () => {
    expect(at('/api/app.info')).toBe('/api/app.info');
    expect(at('/api/app.info?x=1')).toBe('/api/app.info');
    expect(at('/a%20b#frag')).toBe('/a%20b');
    expect(at('/?q')).toBe('/');
    expect(at('//%00')).toBe('//%00');
  });

  it('is null for anything but a path', () => {
    for (const url of ['http://x/a', '*', 'api/app.info', '', undefined])
      expect(at(url), String(url)).toBeNull();
  });
});
