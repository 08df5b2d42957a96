/** One answer from the simulator, body decoded when it is JSON. */
export interface SimAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

/** GETs (or POSTs a JSON body to) a simulator URL. */
export async function call(url: string, body?: unknown): Promise<SimAnswer> {
  const init: RequestInit = body === undefined ? {} : { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  const response = await fetch(url, init);
  const text = await response.text();
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    decoded = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: decoded };
}
