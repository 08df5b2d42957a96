import { randomBytes } from 'node:crypto';

/** The configured replica id, else `HOSTNAME` (a container's name) with a random suffix, so two processes on one host differ. */
export function replicaIdOf(configured: string | undefined, env: NodeJS.ProcessEnv): string {
  if (configured !== undefined) return configured;
  const host = env.HOSTNAME !== undefined && /^[A-Za-z0-9_.-]{1,55}$/.test(env.HOSTNAME) ? env.HOSTNAME : 'replica';
  return `${host}-${randomBytes(4).toString('hex')}`;
}
