import { describe, expect, it } from 'vitest';
import { channels, events } from './channels';
import { CHANNEL_NAMES, EVENT_NAMES, isChannelName, isEventName } from './names';

describe('contract names', () => {
  it('lists exactly the channels and events that have schemas', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(channels).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });

  it('recognises only real names, not inherited object keys', () => {
    expect(isChannelName('portfolio.summary')).toBe(true);
    for (const bad of ['constructor', '__proto__', 'toString', '', 'keel:event', 42, null]) {
      expect(isChannelName(bad)).toBe(false);
      expect(isEventName(bad)).toBe(false);
    }
  });
});
