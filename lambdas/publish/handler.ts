import { dependenciesFromEnvironment } from '../core/environment.ts';
import { createPublishHandler } from './app.ts';

/** The deployed entry of the publish Lambda: dependencies built from its environment once per cold start. */
export const handler = createPublishHandler(dependenciesFromEnvironment());
