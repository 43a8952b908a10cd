// `chancery tokens create|list|revoke`: API tokens. A secret is printed once and never stored.
import { ChanceryError } from '../../core/index.ts';
import type { Role } from '../../storage/ports.ts';
import { note, printJson, printTable } from '../output.ts';
import type { RegisterCommand } from './register.ts';

const ROLES: readonly Role[] = ['admin', 'analyst', 'viewer', 'ingest'];

export const registerTokens: RegisterCommand = (program, withApp) => {
  const tokens = program.command('tokens').description('API tokens');
  tokens
    .command('create')
    .description('Create a token and print its secret once')
    .argument('<name>', 'who or what uses it')
    .option('-r, --role <role>', `one of ${ROLES.join(', ')}`, 'viewer')
    .action(async (name: string, options: { role: string }) => {
      if (!(ROLES as readonly string[]).includes(options.role)) {
        throw new ChanceryError(
          'CHN_ERR_BAD_REQUEST',
          `Unknown role '${options.role}'; roles: ${ROLES.join(', ')}`,
        );
      }
      await withApp(async (app) => {
        const { token, secret } = await app.stores.tokens.create(name, options.role as Role);
        note(`token ${token.id} (${token.role}) for ${token.name}; the secret is shown only now:`);
        process.stdout.write(`${secret}\n`);
      });
    });
  tokens
    .command('list')
    .description('List tokens (never their secrets)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withApp(async (app) => {
        const list = await app.stores.tokens.list();
        if (options.json === true) printJson(list);
        else
          printTable(
            ['id', 'name', 'role', 'created', 'last used', 'revoked'],
            list.map((t) => [t.id, t.name, t.role, t.createdAt, t.lastUsedAt, t.revokedAt]),
          );
      });
    });
  tokens
    .command('revoke')
    .description('Revoke a token by id')
    .argument('<id>', 'token id')
    .action(async (id: string) => {
      await withApp(async (app) => {
        if (!(await app.stores.tokens.revoke(id)))
          throw new ChanceryError('CHN_ERR_NOT_FOUND', `No live token '${id}'`);
        note(`revoked ${id}`);
      });
    });
};
