// The one error shape of the HTTP API: `{ code, message }`, message in Chinese, the request id in
// the `x-request-id` header (and in the message of a 500, so a user can quote it). No stack traces.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RequestValidationError } from './validation';

export const ErrorBody = z
  .object({
    code: z.string().meta({ description: '稳定的错误代码，例如 VALIDATION_FAILED、UNAUTHENTICATED' }),
    message: z.string().meta({ description: '给用户看的中文说明' }),
    details: z.unknown().optional().meta({ description: '可选的细节，例如字段级错误 { fields: [{ path, message }] }' }),
  })
  .meta({ id: 'Error', title: '错误' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Status → code for errors that carry only an HTTP status. */
const CODE_BY_STATUS: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求格式不正确'],
  401: ['UNAUTHENTICATED', '请先登录'],
  403: ['FORBIDDEN', '没有权限执行此操作'],
  404: ['NOT_FOUND', '请求的内容不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持此请求方法'],
  406: ['NOT_ACCEPTABLE', '无法提供所请求的格式'],
  409: ['CONFLICT', '数据已被他人修改，请刷新后重试'],
  413: ['PAYLOAD_TOO_LARGE', '请求内容过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型，请使用 application/json'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
};

/** Errors raised by the domain (`AppError` from src/core/errors.ts): a stable code, an HTTP status, a Chinese message. */
interface AppErrorLike {
  code: string;
  status: number;
  message: string;
}

function isAppErrorLike(err: unknown): err is AppErrorLike {
  if (!err || typeof err !== 'object') return false;
  const e = err as Record<string, unknown>;
  return (
    typeof e.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(e.code) &&
    !e.code.startsWith('FST_') &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 600 &&
    typeof e.message === 'string'
  );
}

function serverBusyIn(err: unknown): AppErrorLike | undefined {
  for (let cur = err as { cause?: unknown } | undefined, i = 0; cur && typeof cur === 'object' && i < 5; cur = cur.cause as typeof cur, i++) {
    if (isAppErrorLike(cur) && cur.code === 'SERVER_BUSY') return cur;
  }
  return undefined;
}

export interface ShapedError {
  status: number;
  body: ErrorBody;
  /** true when the error is unexpected and should be logged with its stack. */
  unexpected: boolean;
}

/** Maps any thrown value to the status and `{ code, message }` the client sees. */
export function shapeError(err: unknown, requestId: string, bodyLimit: number): ShapedError {
  if (err instanceof RequestValidationError) {
    return { status: 400, body: { code: 'VALIDATION_FAILED', message: err.message }, unexpected: false };
  }
  // The database layer's own errors (SERVER_BUSY when no connection came in time) arrive wrapped by drizzle.
  const busy = serverBusyIn(err);
  if (busy) return { status: 503, body: { code: 'SERVER_BUSY', message: busy.message }, unexpected: false };
  if (isAppErrorLike(err)) {
    if (err.status >= 500) {
      const code = err.code === 'INTERNAL' ? 'INTERNAL_ERROR' : err.code;
      return { status: err.status, body: { code, message: `${err.message}（请求编号 ${requestId}）` }, unexpected: true };
    }
    // One code per status where the client acts on the status alone: every 404 is NOT_FOUND (another
    // tenant's record looks exactly like a missing one), every 401 is UNAUTHENTICATED (sign in again).
    const code = err.status === 404 ? 'NOT_FOUND' : err.code === 'UNAUTHORIZED' ? 'UNAUTHENTICATED' : err.code;
    const details = (err as { details?: unknown }).details; // e.g. { fields: [{ path, message }] }
    return { status: err.status, body: { code, message: err.message, ...(details !== undefined ? { details } : {}) }, unexpected: false };
  }
  const fe = err as Partial<FastifyError> & { status?: number };
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' }, unexpected: false };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: { code: 'PAYLOAD_TOO_LARGE', message: `请求内容过大，不能超过 ${formatBytes(bodyLimit)}` },
        unexpected: false,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: CODE_BY_STATUS[415][1] }, unexpected: false };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: { code: 'BAD_REQUEST', message: '请求内容长度与声明不符' }, unexpected: false };
    case 'FST_ERR_BAD_URL':
      return { status: 400, body: { code: 'BAD_URL', message: '请求地址格式不正确' }, unexpected: false };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, body: { code: 'URI_TOO_LONG', message: '请求地址中的参数过长' }, unexpected: false };
    case 'FST_ERR_VALIDATION':
      return { status: 400, body: { code: 'VALIDATION_FAILED', message: '请求参数格式不正确' }, unexpected: false };
  }
  // A multipart body that does not match its boundary (busboy reports these as plain errors).
  if (err instanceof Error && /^(Multipart: Boundary not found|Unexpected end of (form|multipart data)|Malformed part header)|terminated early due to unexpected end of multipart data/.test(err.message)) {
    return { status: 400, body: { code: 'BAD_MULTIPART', message: '上传内容的格式不正确（multipart/form-data 的分隔符或结构有误），请重新选择文件上传' }, unexpected: false };
  }
  // The JSON body parser reports a parse failure as a SyntaxError with status 400.
  if (err instanceof SyntaxError && fe.statusCode === 400) {
    return { status: 400, body: { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' }, unexpected: false };
  }
  const status = fe?.statusCode ?? fe?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const [code, message] = CODE_BY_STATUS[status] ?? ['BAD_REQUEST', '请求无法处理'];
    return { status, body: { code, message }, unexpected: false };
  }
  return {
    status: 500,
    body: { code: 'INTERNAL_ERROR', message: `服务器内部错误，请稍后重试；如问题持续，请联系管理员并提供请求编号 ${requestId}` },
    unexpected: true,
  };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} 字节`;
}

const kError = Symbol('zhiliang.error');
type RequestWithError = FastifyRequest & { [kError]?: Error };

/** The unexpected error a request failed with, for its log line. */
export function loggedError(request: FastifyRequest): Error | undefined {
  return (request as RequestWithError)[kError];
}

export function registerErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    // A route may set its own body limit (POST /api/plans takes 32 MB): name that one in a 413.
    const shaped = shapeError(err, request.id, request.routeOptions?.bodyLimit ?? bodyLimit);
    // The request's log line (written when it completes) carries the stack of an unexpected error.
    if (shaped.unexpected && err instanceof Error) (request as RequestWithError)[kError] = err;
    reply.header('x-request-id', request.id);
    if (shaped.status === 503) reply.header('retry-after', '2');
    // The body bypasses response schemas: an error is never a route's 2xx shape.
    reply
      .code(shaped.status)
      .type('application/json; charset=utf-8')
      .serializer((payload: unknown) => JSON.stringify(payload))
      .send(shaped.body);
  });
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', '请求头过大（例如 Cookie 过多），请清除本站 Cookie 后重试'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', '请求超时，请重试'],
};

/**
 * Errors of the HTTP parser, before Fastify has a request (headers too large, malformed request
 * line, timeout): answered on the socket in the same { code, message } shape.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: import('node:net').Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'BAD_REQUEST', '请求格式不正确'];
  const body = JSON.stringify({ code, message } satisfies ErrorBody);
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** Errors the router raises before a route is found (a malformed or too long path), in the same shape. */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const shaped = shapeError(err, request.id, 0);
  void reply
    .code(shaped.status)
    .header('x-request-id', request.id)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(shaped.body));
}

/** A 404 body for an API path that no route serves. */
export function apiNotFound(request: FastifyRequest): ErrorBody {
  const path = request.url.split('?')[0];
  return { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${path}` };
}
