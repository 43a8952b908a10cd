// The API's one error shape, `{ error: { code, message, problems? } }`, and the status of each code.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ChanceryError, type ErrorCode } from '../core/index.ts';

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    problems: Type.Optional(
      Type.Array(
        Type.Object({
          message: Type.String(),
          path: Type.Optional(Type.String()),
          line: Type.Optional(Type.Integer()),
        }),
      ),
    ),
  }),
});

const STATUS: Partial<Record<ErrorCode, number>> = {
  CHN_ERR_AUTH_REQUIRED: 401,
  CHN_ERR_FORBIDDEN: 403,
  CHN_ERR_NOT_FOUND: 404,
  CHN_ERR_BODY_TOO_LARGE: 413,
  CHN_ERR_QUERY_INVALID: 400,
  CHN_ERR_BAD_REQUEST: 400,
  CHN_ERR_SITES_INVALID: 400,
  CHN_ERR_RULES_INVALID: 422,
  CHN_ERR_FORMAT_UNKNOWN: 400,
};

export function errorHandler(
  error: FastifyError | ChanceryError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof ChanceryError) {
    void reply.status(STATUS[error.code] ?? 500).send({
      error: {
        code: error.code,
        message: error.message,
        ...(error.problems.length > 0
          ? {
              problems: error.problems.map((p) => ({
                message: p.message,
                ...(p.path === undefined ? {} : { path: p.path }),
                ...(p.line === undefined ? {} : { line: p.line }),
              })),
            }
          : {}),
      },
    });
    return;
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    void reply
      .status(413)
      .send({ error: { code: 'CHN_ERR_BODY_TOO_LARGE', message: error.message } });
    return;
  }
  if (
    error.validation !== undefined ||
    (error.statusCode !== undefined && error.statusCode < 500)
  ) {
    void reply
      .status(error.statusCode ?? 400)
      .send({ error: { code: 'CHN_ERR_BAD_REQUEST', message: error.message } });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply
    .status(500)
    .send({ error: { code: 'CHN_ERR_STORAGE', message: 'internal error; see the server log' } });
}
