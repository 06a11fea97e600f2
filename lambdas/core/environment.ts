/**
 * The dependencies of a deployed Lambda, built from its environment once per cold start. The environment is
 * read here and nowhere else; a missing or invalid value stops the cold start with an error naming it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { systemClock } from './clock.ts';
import { createConnectClient } from './connect-client.ts';
import type { WorkflowDependencies } from './dependencies.ts';
import { ConfigurationError } from './errors.ts';
import { settingsFromEnvironment } from './settings.ts';

export const SERVICE_NAME = 'phone-number-claimer';
export const METRICS_NAMESPACE = 'PhoneNumberClaimer';

type Environment = Readonly<Record<string, string | undefined>>;

export function dependenciesFromEnvironment(env: Environment = process.env): WorkflowDependencies {
  // Lambda always sets AWS_REGION; its absence means the code runs somewhere it was not built for.
  const region = requiredVariable(env, 'AWS_REGION');
  const settings = settingsFromEnvironment(env);
  const serviceName = env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME;
  const logger = new Logger({ serviceName });
  const metrics = new Metrics({
    serviceName,
    namespace: env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
  });
  const tracer = new Tracer({ serviceName });
  return {
    connect: tracer.captureAWSv3Client(createConnectClient({ region, clock: systemClock })),
    events: tracer.captureAWSv3Client(new EventBridgeClient({ region })),
    clock: systemClock,
    settings,
    logger,
    metrics,
    tracer,
  };
}

export function requiredVariable(env: Environment, name: string): string {
  const value = env[name]?.trim();
  if (value === undefined || value === '') throw new ConfigurationError(name, 'must be set');
  return value;
}
