import { z } from 'zod';
import { MarketSymbolSchema } from '../../api/market/index.js';

/** Most symbols one subscribe or unsubscribe message may list. */
const MAX_SYMBOLS_PER_MESSAGE = 100;

const SymbolsSchema = z
  .array(MarketSymbolSchema, { error: 'expected an array of tickers, such as ["BTC","ETH"]' })
  .min(1, 'expected at least one symbol, such as ["BTC"]')
  .max(MAX_SYMBOLS_PER_MESSAGE, `at most ${MAX_SYMBOLS_PER_MESSAGE} symbols per message`)
  .transform((symbols) => [...new Set(symbols)]);

const action = z.enum(['subscribe', 'unsubscribe']);

const SymbolsMessageSchema = z.strictObject({ type: action, symbols: SymbolsSchema });
const ChannelMessageSchema = z.strictObject({ type: action, channel: z.literal('status', { error: 'expected "status"' }) });
const PingMessageSchema = z.strictObject({ type: z.literal('ping') });

/** What a client may send on `/ws/market`. */
export type ClientMessage = z.output<typeof SymbolsMessageSchema> | z.output<typeof ChannelMessageSchema> | z.output<typeof PingMessageSchema>;

/** Why a client's message cannot be served: the error frame's `code` and `message`. */
export interface ClientMessageError {
  code: 'invalid_json' | 'invalid_message' | 'unknown_type';
  message: string;
}

/** The message types a client may send. */
const TYPES = ['subscribe', 'unsubscribe', 'ping'];

/**
 * Decodes one text frame: JSON, then the shape of its `type` (symbols validated as REST validates
 * them: case-insensitive tickers, upper-cased, duplicates dropped). Errors name the field:
 * `symbols[1]: expected a ticker of 1 to 15 letters or digits, such as BTC`.
 */
export function parseClientMessage(text: string): ClientMessage | ClientMessageError {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    return { code: 'invalid_json', message: 'message is not valid JSON' };
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) return { code: 'invalid_message', message: 'expected a JSON object with a "type"' };
  const type = (decoded as { type?: unknown }).type;
  if (typeof type !== 'string' || !TYPES.includes(type)) {
    return { code: 'unknown_type', message: `type: expected one of ${TYPES.join(', ')}, got ${JSON.stringify(type ?? null).slice(0, 40)}` };
  }
  const schema = type === 'ping' ? PingMessageSchema : 'channel' in decoded ? ChannelMessageSchema : SymbolsMessageSchema;
  const parsed = schema.safeParse(decoded);
  if (parsed.success) return parsed.data;
  return { code: 'invalid_message', message: describeIssue(parsed.error.issues[0]!) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `${issue.keys.join(', ')}: unknown field`;
  const path = issue.path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join('');
  return `${path === '' ? 'message' : path}: ${issue.message}`;
}

/** True when `parsed` is an error rather than a message. */
export function isClientMessageError(parsed: ClientMessage | ClientMessageError): parsed is ClientMessageError {
  return 'code' in parsed;
}
