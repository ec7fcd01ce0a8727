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
