import { dependenciesFromEnvironment } from '../core/environment.ts';
import { createClaimHandler } from './app.ts';

/** The deployed entry of the claim Lambda: dependencies built from its environment once per cold start. */
export const handler = createClaimHandler(dependenciesFromEnvironment());
