// The one way the web apps talk to the server: JSON, the session cookie, the
// CSRF token on writes, and errors as ApiError with the server's code and fields.
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  setCsrfToken(token: string | null): void;
}

/** `base` is '/api' for the storefront and '/admin/api' for the back-office. */
export function createApiClient(base: string): ApiClient {
  let csrf: string | null = null;
  const request = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : null,
      });
    } catch {
      throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the server. Check your connection and try again.');
    }
    if (response.status === 204) return undefined as T;
    const data = (await response.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
    if (!response.ok) {
      const e = data?.error;
      throw new ApiError(response.status, e?.code ?? 'HTTP_ERROR', e?.message ?? `The server answered ${response.status}.`, e?.fields ?? {});
    }
    return data as T;
  };
  return {
    get: (path) => request('GET', path),
    send: (method, path, body, headers) => request(method, path, body, headers),
    setCsrfToken: (token) => {
      csrf = token;
    },
  };
}
