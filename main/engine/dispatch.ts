import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type Request, type Response } from '../contract/channels';
import { failure } from '../contract/envelope';
import type { Envelope } from '../contract/errors';
import { EngineError } from './errors';

export { EngineError };

export type Handler<C extends ChannelName> = (
  request: z.output<(typeof channels)[C]['request']>,
) => Promise<Response<C>> | Response<C>;
export type HandlerTable = { [C in ChannelName]: Handler<C> };

/**
 * Runs one request through the contract: unknown channel → error, request parsed with zod
 * (a bad request never reaches a handler, so it changes nothing), handler, response checked
 * against its schema so the engine cannot drift from the contract unnoticed.
 */
export function createDispatcher(handlers: HandlerTable, log: (line: string) => void = () => {}) {
  return async function dispatch(channel: string, request: unknown): Promise<Envelope<unknown>> {
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
      const handler = handlers[channel] as (req: unknown) => Promise<unknown> | unknown;
      const data = await handler(parsed.data);
      const checked = def.response.safeParse(data);
      if (!checked.success) {
        log(`contract violation in response of ${channel}: ${checked.error.message}`);
        return failure(
          'internal',
          `The engine produced an invalid answer for ${channel}. This is a bug in Keel; please report it.`,
        );
      }
      return { ok: true, data: checked.data };
    } catch (err) {
      if (err instanceof EngineError) return failure(err.code, err.message);
      log(`handler ${channel} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return failure('internal', `${channel} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

export type { Request, Response };
