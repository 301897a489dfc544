// The one way the web apps talk to the server: JSON, the session cookie, the
// CSRF token on writes, errors as ApiError with the server's code and fields,
// and one place that hears when the session is gone.
import type { ErrorBody, ErrorCode, FieldErrors } from '../../shared/errors';

/** The server's codes, and the client's own: no answer at all, an answer that is not JSON, a fault of the page. */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'HTTP_ERROR' | 'CLIENT_ERROR';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

/** Any failure as an ApiError: one that is not the server's answer is a fault of the page, logged, and told in plain words. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  console.error(error);
  return new ApiError(0, 'CLIENT_ERROR', 'Something went wrong. Please try again.');
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  setCsrfToken(token: string | null): void;
  /** a file as multipart/form-data, with progress; `signal` cancels it */
  upload<T>(path: string, file: File, options?: UploadOptions): Promise<T>;
  /** '/api' or '/admin/api': where links to files (downloads, thumbnails) point */
  readonly base: string;
  /**
   * What to do when the server says the session is gone (it expired, or the
   * user signed out elsewhere), whichever call hears it first. Not for the
   * /session calls: a refused sign-in is the sign-in page's to show.
   */
  whenSessionEnds(handler: () => void): void;
}

export interface UploadOptions {
  /** 0 to 1, as the bytes leave */
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}

type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from the defined, non-empty values ('' when none). */
export function queryString(params: Record<string, QueryValue>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    q.set(key, String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** `base` is '/api' for the storefront and '/admin/api' for the back-office. */
export function createApiClient(base: string): ApiClient {
  let csrf: string | null = null;
  let onSessionEnded: () => void = () => undefined;
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
    const data = (await response.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
    if (!response.ok) {
      const e = data?.error;
      if (response.status === 401 && path !== '/session') onSessionEnded();
      throw new ApiError(
        response.status,
        e?.code ?? 'HTTP_ERROR',
        e?.message ?? `The server answered ${response.status}.`,
        e?.fields ?? {},
      );
    }
    return data as T;
  };
  return {
    get: (path) => request('GET', path),
    send: (method, path, body, headers) => request(method, path, body, headers),
    upload: (path, file, options = {}) => sendFile(`${base}${path}`, file, csrf, options),
    base,
    setCsrfToken: (token) => {
      csrf = token;
    },
    whenSessionEnds: (handler) => {
      onSessionEnded = handler;
    },
  };
}

/** A file as multipart/form-data, by XMLHttpRequest: only it reports upload progress. */
function sendFile<T>(url: string, file: File, csrf: string | null, { onProgress, signal }: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'json';
    xhr.setRequestHeader('accept', 'application/json');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const data = xhr.response as (T & Partial<ErrorBody>) | null;
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const e = data?.error;
      reject(new ApiError(xhr.status, e?.code ?? 'HTTP_ERROR', e?.message ?? `The server answered ${xhr.status}.`, e?.fields ?? {}));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the server. Check your connection and try again.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
