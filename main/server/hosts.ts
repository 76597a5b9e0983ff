import os from 'node:os';

const bracket = (h: string) => (h.includes(':') ? `[${h}]` : h);
const everyInterface = (bound: string) => bound === '0.0.0.0' || bound === '::';

/**
 * Host names this server answers to: loopback names, the bound address, and — only when the user
 * binds every interface (0.0.0.0 or ::) to reach Keel from another device — this machine's own
 * addresses and name. Any other name (a rebinding attacker's domain) is refused.
 */
export function hostNames(bound: string): string[] {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', bracket(bound)]);
  if (everyInterface(bound)) {
    names.add(os.hostname());
    for (const list of Object.values(os.networkInterfaces())) {
      for (const a of list ?? []) names.add(bracket(a.address.split('%')[0]!));
    }
  }
  return [...names];
}

/** Host header values accepted (lower case): each name with the port, and bare on port 80, as browsers send it. */
export function allowedHostHeaders(bound: string, port: number): Set<string> {
  const headers = new Set<string>();
  for (const h of hostNames(bound)) {
    headers.add(`${h}:${port}`.toLowerCase());
    if (port === 80) headers.add(h.toLowerCase());
  }
  return headers;
}

/** The origin to print and open: loopback when every interface is bound, IPv6 in brackets. */
export function originFor(bound: string, port: number): string {
  return `http://${everyInterface(bound) ? '127.0.0.1' : bracket(bound)}:${port}`;
}
