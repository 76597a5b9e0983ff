import type { Envelope } from '../../main/contract';

/** Error envelopes made on this side of the wire (the engine never answered properly). */
export { failure } from '../../main/contract';

/** True for `{ok:true,data}` and `{ok:false,error:{code,message}}` shaped values. */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; data?: unknown; error?: unknown };
  if (v.ok === true) return 'data' in v;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  const e = v.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}
