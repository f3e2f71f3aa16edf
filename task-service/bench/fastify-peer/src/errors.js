// The suite's error envelope: {"error": {"code", "message", "requestId"}} with a code of common-lib's
// ErrorCode catalogue and that code's status.
const STATUS_OF = {
  VALIDATION_ERROR: 400,
  TOKEN_MISSING: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  PLAN_LIMIT_REACHED: 403,
  RESOURCE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL_ERROR: 500,
};

// What Fastify itself refuses (a body it cannot parse, too large, of another type), by status.
const CODE_OF_STATUS = { 400: 'VALIDATION_ERROR', 404: 'RESOURCE_NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
    this.statusCode = STATUS_OF[code];
  }
}

function asApiError(error) {
  if (error instanceof ApiError) return error;
  if (error.validation) return new ApiError('VALIDATION_ERROR', error.message);
  const code = CODE_OF_STATUS[error.statusCode];
  return code ? new ApiError(code, error.message) : null;
}

/** Fastify's error handler: every failure answers the envelope; no stack trace or SQL leaves. */
export function sendError(error, request, reply) {
  let apiError = asApiError(error);
  if (!apiError) {
    request.log.error({ err: error }, 'request.failed');
    apiError = new ApiError('INTERNAL_ERROR', 'An unexpected error occurred');
  }
  reply
    .code(apiError.statusCode)
    .send({ error: { code: apiError.code, message: apiError.message, requestId: request.id } });
}
