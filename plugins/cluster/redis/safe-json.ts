/** `text` parsed as JSON, or undefined when it is not JSON (a message from elsewhere is never trusted to be). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
