import { channels, isChannelName, type Request, type Response } from '../contract/channels';
import { failure } from '../contract/envelope';
import type { Envelope } from '../contract/errors';
import { EngineError } from '../core/errors';
import type { CallContext, HandlerTable } from '../core/handler';

export type { CallContext, HandlerTable };

const NEVER = new AbortController().signal;

/**
 * Runs one request through the contract: unknown channel → error, request parsed with zod
 * (a bad request never reaches a handler, so it changes nothing), handler, response checked
 * against its schema so the engine cannot drift from the contract unnoticed.
 */
export function createDispatcher(handlers: HandlerTable, log: (line: string) => void = () => {}) {
  // Identical queries in flight share one result object (see workers/lane.ts): it is checked
  // against its schema once, not once per caller — a flood of one request costs one check.
  // Handlers return fresh objects and never change them afterwards, which makes this sound.
  const checkedAnswers = new Map<string, WeakMap<object, unknown>>();
  return async function dispatch(
    channel: string,
    request: unknown,
    options: { signal?: AbortSignal } = {},
  ): Promise<Envelope<unknown>> {
    if (!isChannelName(channel)) {
      return failure(
        'unknown_channel',
        `There is no channel "${channel}". Known channels: ${Object.keys(channels).join(', ')}.`,
      );
    }
    const def = channels[channel];
    const parsed = def.request.safeParse(request ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const summary = issues.map((i) => `${i.path || '(request)'}: ${i.message}`).join('; ');
      return failure('bad_request', `Invalid request for ${channel}: ${summary}`, issues);
    }
    try {
      const handler = handlers[channel] as (req: unknown, ctx: CallContext) => Promise<unknown> | unknown;
      const data = await handler(parsed.data, { signal: options.signal ?? NEVER });
      const cache = typeof data === 'object' && data !== null ? checkedAnswers.get(channel) : undefined;
      if (cache?.has(data as object)) return { ok: true, data: cache.get(data as object) };
      const checked = def.response.safeParse(data);
      if (!checked.success) {
        log(`contract violation in response of ${channel}: ${checked.error.message}`);
        return failure(
          'internal',
          `The engine produced an invalid answer for ${channel}. This is a bug in Keel; please report it.`,
        );
      }
      if (typeof data === 'object' && data !== null) {
        let byData = checkedAnswers.get(channel);
        if (!byData) checkedAnswers.set(channel, (byData = new WeakMap()));
        byData.set(data, checked.data);
      }
      return { ok: true, data: checked.data };
    } catch (err) {
      if (err instanceof EngineError) return failure(err.code, err.message);
      const e = err instanceof Error ? err : new Error(String(err));
      log(`handler ${channel} failed: ${e.stack ?? e.message}`);
      return failure('internal', `${channel} failed: ${e.message}`);
    }
  };
}

export type { Request, Response };
