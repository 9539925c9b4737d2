/**
 * The one error type of the platform. Every entry point (HTTP, CLI, import) maps it to
 * `{ code, message }`: `code` is a stable English machine code, `message` is Chinese for users,
 * `status` is the HTTP status to answer with.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: string, message: string, status = 400, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    if (details !== undefined) this.details = details;
  }

  toJSON(): { code: string; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const badRequest = (message: string, code = 'BAD_REQUEST', details?: unknown) =>
  new AppError(code, message, 400, details);
export const validationError = (message: string, details?: unknown) =>
  new AppError('VALIDATION_FAILED', message, 400, details);
export const unauthorized = (message = '请先登录', code = 'UNAUTHORIZED') => new AppError(code, message, 401);
export const forbidden = (message = '没有权限执行此操作', code = 'FORBIDDEN') => new AppError(code, message, 403);
export const notFound = (message = '记录不存在', code = 'NOT_FOUND') => new AppError(code, message, 404);
export const conflict = (message = '数据已被他人修改，请刷新后重试', code = 'CONFLICT', details?: unknown) =>
  new AppError(code, message, 409, details);
export const locked = (message: string, code = 'LOCKED') => new AppError(code, message, 423);
export const internalError = (message = '系统内部错误，请稍后再试', code = 'INTERNAL') => new AppError(code, message, 500);
