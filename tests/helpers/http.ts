import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
/** A tiny HTTP client with a cookie jar, as a browser would be: real requests to a real server. */
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class HttpClient {
  cookie = '';
  constructor(readonly baseUrl: string, readonly origin?: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.origin ? { origin: this.origin } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, value] = pair.split('=');
      const rest = this.cookie.split('; ').filter((c) => c && !c.startsWith(`${name}=`));
      this.cookie = [...rest, ...(value ? [`${name}=${value}`] : [])].join('; ');
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string) { return this.request<T>('GET', path); }
  post<T = any>(path: string, body?: unknown) { return this.request<T>('POST', path, body ?? {}); }
  put<T = any>(path: string, body?: unknown) { return this.request<T>('PUT', path, body ?? {}); }
  patch<T = any>(path: string, body?: unknown) { return this.request<T>('PATCH', path, body ?? {}); }
  delete<T = any>(path: string) { return this.request<T>('DELETE', path); }
}

/** Signs in through the real API and returns the client holding the session cookie. */
export async function signIn(baseUrl: string, user: { email: string; password: string }): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  const res = await client.post('/api/auth/login', { email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`sign-in failed for ${user.email}: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

export interface RawReply { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

/** A raw GET: fetch would inflate the body and hide which encoding the server chose. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

/** The body of a raw reply as the browser reads it, whatever its Content-Encoding. */
export const decoded = (r: RawReply): Buffer =>
  r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;
