import { join } from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { DEMO_INSTANCE_ID } from '../emulator/config.ts';
import { type WorkflowFunctionName, workflowFunctionNames } from '../lib/claim-workflow.ts';
import { PhoneNumberClaimerStack } from '../lib/phone-number-claimer-stack.ts';
import { localAccount, localRegion } from '../local/workflow-definition.ts';

/** What the stack deploys each Lambda with, as far as the benchmark needs it. */
export type DeployedFunction = {
  readonly memorySizeMb: number;
  /** The environment variables the stack sets (the handler reads its settings from them). */
  readonly environment: Readonly<Record<string, string>>;
  /** Where the stack's own bundling wrote the deployed code (only when asked to bundle). */
  readonly assetDirectory?: string;
};

export type ReadDeployedFunctionsOptions = {
  /**
   * Bundle each Lambda as the stack deploys it (its NodejsFunction bundling options, local esbuild) into
   * this cloud assembly directory. @default no bundling
   */
  readonly bundleInto?: string;
};

export class DeployedFunctionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployedFunctionError';
  }
}

/**
 * Reads each Lambda's memory size and environment from the stack itself, so that the cost estimate and the
 * cold-start measurement follow whatever the stack deploys.
 */
export function readDeployedFunctions(
  options: ReadDeployedFunctionsOptions = {},
): Record<WorkflowFunctionName, DeployedFunction> {
  const { bundleInto } = options;
  const app =
    bundleInto === undefined
      ? new App({ context: { 'aws:cdk:bundling-stacks': [] } })
      : // Asset metadata names each function's bundle directory in the assembly.
        new App({ outdir: bundleInto, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new PhoneNumberClaimerStack(app, 'PhoneNumberClaimer', {
    instanceIds: [DEMO_INSTANCE_ID],
    env: { account: localAccount, region: localRegion },
  });
  const functions = {} as Record<WorkflowFunctionName, DeployedFunction>;
  for (const name of workflowFunctionNames) {
    const resource = stack.functions[name].function.node.defaultChild as CfnFunction & CfnElement;
    const memorySizeMb = Stack.of(resource).resolve(resource.memorySize) as unknown;
    if (typeof memorySizeMb !== 'number') {
      throw new DeployedFunctionError(`the ${name} Lambda has no resolvable MemorySize`);
    }
    const variables = Stack.of(resource).resolve(resource.environment)?.variables as unknown;
    const environment: Record<string, string> = {};
    if (typeof variables === 'object' && variables !== null) {
      for (const [key, value] of Object.entries(variables)) {
        // A token (an ARN resolved at deploy time) has no local value; the handlers read none of those.
        if (typeof value === 'string') environment[key] = value;
      }
    }
    let assetDirectory: string | undefined;
    if (bundleInto !== undefined) {
      const assetPath = resource.getMetadata('aws:asset:path') as unknown;
      if (typeof assetPath !== 'string') {
        throw new DeployedFunctionError(
          `the ${name} Lambda's bundle is not named in the assembly's metadata`,
        );
      }
      assetDirectory = join(bundleInto, assetPath);
    }
    functions[name] = { memorySizeMb, environment, ...(assetDirectory !== undefined && { assetDirectory }) };
  }
  return functions;
}
