// The one way the web app talks to the server: JSON over fetch, same origin, session cookie.
// Every server error is `{ code, message }` with a Chinese message; it becomes an ApiError.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** What the server adds for some errors, e.g. `{ fields: [{ path, message }] }` for field errors. */
  details?: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

/** Called when the server answers 401 to a request made while signed in (session expired). */
let onUnauthorized: (() => void) | undefined;
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const err = (data ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    const code = typeof err.code === 'string' ? err.code : `HTTP_${response.status}`;
    const message = typeof err.message === 'string' && err.message ? err.message : fallbackMessage(response.status);
    if (response.status === 401 && !path.startsWith('/api/auth/login') && !path.startsWith('/api/auth/me')) {
      onUnauthorized?.();
    }
    throw new ApiError(response.status, code, message, err.details);
  }
  return data as T;
}

function fallbackMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '无权执行此操作';
  if (status === 404) return '请求的数据不存在';
  if (status === 409) return '数据已被他人修改，请刷新后重试';
  if (status === 413) return '提交的内容过大';
  if (status >= 500) return '服务器内部错误，请稍后重试';
  return `请求失败（${status}）`;
}

/** The largest page the server answers (src/core/http/schemas.ts WholeListPageSize / PageSize). */
export const MAX_PAGE_SIZE = 200;
/** Pages read at most by getAllPages: 10 000 rows; a list longer than that is not something a screen shows whole. */
const MAX_PAGES = 50;

/**
 * Every row of a paged list, page after page of MAX_PAGE_SIZE (each request bounded on the server),
 * for the screens that need the whole list (a directory picker, a year's ranking). Stops at `total`.
 */
async function getAllPages<T>(path: string, query?: Query): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await request<{ items: T[]; total: number }>('GET', path, undefined, { ...query, page, pageSize: MAX_PAGE_SIZE });
    items.push(...res.items);
    if (res.items.length < MAX_PAGE_SIZE || items.length >= res.total) break;
  }
  return items;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  getAllPages,
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** The Chinese message to show for any error thrown by a request. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'CONFLICT' || error.status === 409) {
      // A stale version: the server's message may be more specific, but the instruction is the same.
      return error.message || '数据已被他人修改，请刷新后重试';
    }
    return error.message;
  }
  return '操作失败，请稍后重试';
}
