import { dependenciesFromEnvironment } from '../core/environment.ts';
import { createSearchHandler } from './app.ts';

/** The deployed entry of the search Lambda: dependencies built from its environment once per cold start. */
export const handler = createSearchHandler(dependenciesFromEnvironment());
