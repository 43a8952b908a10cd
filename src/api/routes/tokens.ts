// /api/v1/tokens: admins list, create and revoke API tokens.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ChanceryError } from '../../core/index.ts';
import type { Stores } from '../../storage/ports.ts';
import { ErrorBody } from '../errors.ts';

const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('analyst'),
  Type.Literal('viewer'),
  Type.Literal('ingest'),
]);
const TokenBody = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  createdAt: Type.String(),
  revokedAt: Type.Optional(Type.String()),
  lastUsedAt: Type.Optional(Type.String()),
});

export const tokenRoutes =
  (stores: Stores): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/tokens',
      {
        config: { permission: 'tokens:admin' },
        schema: {
          summary: 'List tokens',
          tags: ['tokens'],
          response: { 200: Type.Array(TokenBody) },
        },
      },
      async () => stores.tokens.list(),
    );
    app.post(
      '/tokens',
      {
        config: { permission: 'tokens:admin' },
        schema: {
          summary: 'Create a token; the secret is in this response only',
          tags: ['tokens'],
          body: Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 128 }), role: Role },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ token: TokenBody, secret: Type.String() }) },
        },
      },
      async (request, reply) => {
        const created = await stores.tokens.create(request.body.name, request.body.role);
        return reply.status(201).send(created);
      },
    );
    app.delete(
      '/tokens/:id',
      {
        config: { permission: 'tokens:admin' },
        schema: {
          summary: 'Revoke a token',
          tags: ['tokens'],
          params: Type.Object({ id: Type.String({ maxLength: 32 }) }),
          response: { 204: Type.Null(), 404: ErrorBody },
        },
      },
      async (request, reply) => {
        if (!(await stores.tokens.revoke(request.params.id)))
          throw new ChanceryError('CHN_ERR_NOT_FOUND', `No live token '${request.params.id}'`);
        return reply.status(204).send(null);
      },
    );
  };
