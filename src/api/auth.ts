// Token authentication on every route except those marked public, then the route's permission.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ChanceryError } from '../core/index.ts';
import type { Token, TokenStore } from '../storage/ports.ts';
import { allows, type Permission } from './policies.ts';

declare module 'fastify' {
  interface FastifyRequest {
    token?: Token;
  }
  interface FastifyContextConfig {
    /** The permission a route needs; `public` for the few routes open without a token. */
    permission?: Permission | 'public';
  }
}

export function installAuth(app: FastifyInstance, tokens: TokenStore): void {
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const permission = request.routeOptions.config.permission;
    if (permission === 'public') return;
    const header = request.headers.authorization ?? '';
    const secret = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const token = secret === undefined ? undefined : await tokens.verify(secret);
    if (token === undefined) {
      throw new ChanceryError(
        'CHN_ERR_AUTH_REQUIRED',
        'Send a valid token as "Authorization: Bearer <token>"',
      );
    }
    request.token = token;
    // A route without a declared permission is closed to all but admins: forgetting one fails safe.
    if (permission === undefined ? token.role !== 'admin' : !allows(token.role, permission)) {
      throw new ChanceryError(
        'CHN_ERR_FORBIDDEN',
        `Role '${token.role}' may not ${permission ?? 'use this route'}`,
      );
    }
  });
}
