// The shape of a command module: it adds its commands to the program.
import { InvalidArgumentError, type Command } from 'commander';
import type { WithApp } from '../main.ts';

export type RegisterCommand = (
  program: Command,
  withApp: WithApp,
  setExitCode: (code: number) => void,
) => void;

/** Parses a positive integer option, rejecting anything else with a usage error. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0)
    throw new InvalidArgumentError(`'${value}' is not a positive whole number`);
  return number;
}
