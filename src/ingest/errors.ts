// Typed errors of the document engine. Every error carries a stable English `code` (for programs,
// logs and tests) and a Chinese `message` (for the people who uploaded the file).

export type IngestErrorCode =
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_FORMAT'
  | 'NEEDS_OCR'
  | 'TOO_LARGE'
  | 'BINARY_CONTENT'
  | 'CORRUPT_DOCX'
  | 'CORRUPT_PDF'
  | 'ENCRYPTED_FILE'
  | 'NO_TEXT'
  | 'FILE_NOT_FOUND'
  | 'NOT_A_FILE'
  | 'READ_FAILED'
  | 'INFLATED_TOO_LARGE'
  | 'DECOMPRESSION_BOMB'
  | 'TOO_COMPLEX'
  | 'PARSE_TIMEOUT'
  | 'PARSE_OUT_OF_MEMORY'
  | 'PARSER_BUSY'
  | 'INTERNAL_ERROR';

const DEFAULT_MESSAGES: Record<IngestErrorCode, string> = {
  EMPTY_FILE: '文件是空的，没有可解析的内容',
  UNSUPPORTED_FORMAT: '不支持的文件格式，请上传 txt、html、docx 或 pdf 文件',
  NEEDS_OCR: '文件中没有可读取的文字（可能是扫描件或图片），需要先进行文字识别（OCR）',
  TOO_LARGE: '文件过大，超出解析上限',
  BINARY_CONTENT: '文件内容不是文字（可能是二进制或已损坏的文件）',
  CORRUPT_DOCX: 'Word 文档（.docx）已损坏或无法读取',
  CORRUPT_PDF: 'PDF 文件已损坏或无法读取',
  ENCRYPTED_FILE: '文件已加密，请先解除密码保护再上传',
  NO_TEXT: '文件中没有找到正文文字',
  FILE_NOT_FOUND: '找不到文件',
  NOT_A_FILE: '路径不是一个文件',
  READ_FAILED: '无法读取文件',
  INFLATED_TOO_LARGE: '文件解压后过大，超出解析上限',
  DECOMPRESSION_BOMB: '文件声明的大小与实际解压后的大小不符（可能是恶意构造的压缩炸弹），已拒绝解析',
  TOO_COMPLEX: '文件结构过于复杂，无法在限定时间内解析',
  PARSE_TIMEOUT: '解析超时，文件可能过大或结构异常',
  PARSE_OUT_OF_MEMORY: '解析所需内存超出上限，文件可能过大或结构异常',
  PARSER_BUSY: '正在解析的文件较多，请稍后再试',
  INTERNAL_ERROR: '解析时发生内部错误',
};

/** Codes that mean "the input is bad" (a user problem), as opposed to a bug in the engine. */
export const INPUT_ERROR_CODES: ReadonlySet<IngestErrorCode> = new Set<IngestErrorCode>([
  'EMPTY_FILE', 'UNSUPPORTED_FORMAT', 'NEEDS_OCR', 'TOO_LARGE', 'BINARY_CONTENT', 'CORRUPT_DOCX',
  'CORRUPT_PDF', 'ENCRYPTED_FILE', 'NO_TEXT', 'FILE_NOT_FOUND', 'NOT_A_FILE', 'READ_FAILED',
  'INFLATED_TOO_LARGE', 'DECOMPRESSION_BOMB', 'TOO_COMPLEX', 'PARSE_TIMEOUT', 'PARSE_OUT_OF_MEMORY',
]);

export class IngestError extends Error {
  readonly code: IngestErrorCode;

  constructor(code: IngestErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? DEFAULT_MESSAGES[code], options);
    this.name = 'IngestError';
    this.code = code;
  }

  /** True when the problem lies in the input file rather than in the engine. */
  get isInputError(): boolean {
    return INPUT_ERROR_CODES.has(this.code);
  }

  toJSON(): { code: IngestErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isIngestError(e: unknown): e is IngestError {
  return e instanceof IngestError;
}

export function defaultMessage(code: IngestErrorCode): string {
  return DEFAULT_MESSAGES[code];
}
