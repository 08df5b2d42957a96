import { expect } from 'chai';

/** Awaits a call that must fail and returns what it threw. */
export async function errorOf(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  return expect.fail('expected the call to fail');
}
