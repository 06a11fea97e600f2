import { dependenciesFromEnvironment } from '../core/environment.ts';
import { createValidateHandler } from './app.ts';

/** The deployed entry of the validate Lambda: dependencies built from its environment once per cold start. */
export const handler = createValidateHandler(dependenciesFromEnvironment());
