import { beforeEach, describe, expect, it } from 'vitest';
import { UI_CONTENT_SECURITY_POLICY } from '../main/platform/ui-files';
import { installContentSecurityPolicy } from './csp';
import { fake, session } from './testing/fake-electron';

beforeEach(() => fake.reset());

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('Content-Security-Policy', () => {
  it('has the required directives and nothing looser', () => {
    expect(Object.fromEntries(directives(UI_CONTENT_SECURITY_POLICY))).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
    expect(UI_CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('is set on keel://app responses, replacing any other policy', async () => {
    installContentSecurityPolicy(session.defaultSession as never);
    const answer = await fake.session.webRequest.receive('keel://app/index.html', {
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(answer).toEqual({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [UI_CONTENT_SECURITY_POLICY],
      },
    });
  });

  it('leaves other responses alone', async () => {
    installContentSecurityPolicy(session.defaultSession as never);
    expect(await fake.session.webRequest.receive('https://example.com/')).toEqual({});
  });
});
