import { App, type CfnElement } from 'aws-cdk-lib';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { DEFAULT_EMULATOR_CONFIG, DEMO_INSTANCE_ID } from '../emulator/config.ts';
import { type WorkflowFunctionName, workflowFunctionNames } from '../lib/claim-workflow.ts';
import {
  PhoneNumberClaimerStack,
  type PhoneNumberClaimerStackProps,
} from '../lib/phone-number-claimer-stack.ts';

/** The emulator's defaults (SPEC section 5): ARNs in the local definition use them. */
export const localAccount = DEFAULT_EMULATOR_CONFIG.accountId;
export const localRegion = DEFAULT_EMULATOR_CONFIG.region;

export type SynthesizeWorkflowOptions = {
  /** @default localRegion */
  readonly region?: string;
  /** @default localAccount */
  readonly account?: string;
  /** Stack props beyond the environment. @default the emulator's demo instance as the only target */
  readonly stackProps?: Omit<PhoneNumberClaimerStackProps, 'env'>;
};

export type SynthesizedWorkflow = {
  /** The Amazon States Language of the deployed state machine, with every token resolved. */
  readonly definition: StateMachineDefinition;
  /** Which Lambda each Task state invokes, read from the definition's Resource ARNs. */
  readonly taskFunctions: Readonly<Record<string, WorkflowFunctionName>>;
  /** The ARN standing in for each Lambda (`arn:aws:lambda:<region>:<account>:function:<name>`). */
  readonly functionArns: Readonly<Record<WorkflowFunctionName, string>>;
  readonly stateMachineName: string;
  readonly region: string;
  readonly account: string;
};

export class WorkflowDefinitionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WorkflowDefinitionError';
  }
}

/**
 * Builds the CDK stack in-process (no bundling) and returns the state machine definition exactly as it
 * deploys, with the CloudFormation tokens in it (function ARNs) resolved to local stand-ins. Nothing is
 * rewritten: what runs locally is what deploys.
 */
export function synthesizeWorkflowDefinition(options: SynthesizeWorkflowOptions = {}): SynthesizedWorkflow {
  const region = options.region ?? localRegion;
  const account = options.account ?? localAccount;
  // No stack is bundled: the local runner runs the handlers' source in-process. The built-in CloudFormation
  // validation (a WebAssembly engine, seconds per synth) is left to `cdk synth`, which runs it on every build.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new PhoneNumberClaimerStack(app, 'PhoneNumberClaimer', {
    instanceIds: [DEMO_INSTANCE_ID],
    ...options.stackProps,
    env: { account, region },
  });
  const template = app.synth().getStackByName(stack.stackName).template as CloudFormationTemplate;

  const functionArns = {} as Record<WorkflowFunctionName, string>;
  const arnByLogicalId = new Map<string, string>();
  for (const name of workflowFunctionNames) {
    const logicalId = stack.getLogicalId(stack.functions[name].function.node.defaultChild as CfnElement);
    const arn = `arn:aws:lambda:${region}:${account}:function:phone-number-claimer-${name}`;
    functionArns[name] = arn;
    arnByLogicalId.set(logicalId, arn);
  }

  const stateMachineId = stack.getLogicalId(stack.workflow.stateMachine.node.defaultChild as CfnElement);
  const resource = template.Resources[stateMachineId];
  if (resource?.Type !== 'AWS::StepFunctions::StateMachine') {
    throw new WorkflowDefinitionError(`the template has no state machine named ${stateMachineId}`);
  }
  const definition = resolveDefinition(resource.Properties.DefinitionString, (logicalId) =>
    arnByLogicalId.get(logicalId),
  );

  const nameByArn = new Map(
    Object.entries(functionArns).map(([name, arn]) => [arn, name as WorkflowFunctionName]),
  );
  const taskFunctions: Record<string, WorkflowFunctionName> = {};
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Task') continue;
    const name = nameByArn.get(state.Resource);
    if (name === undefined) {
      throw new WorkflowDefinitionError(
        `Task state ${stateName} invokes ${state.Resource}, not a workflow Lambda`,
      );
    }
    taskFunctions[stateName] = name;
  }

  return {
    definition,
    taskFunctions,
    functionArns,
    stateMachineName: 'PhoneNumberClaimer-Workflow',
    region,
    account,
  };
}

type CloudFormationTemplate = {
  Resources: Record<string, { Type: string; Properties: { DefinitionString: unknown } }>;
};

/**
 * Resolves a synthesized `DefinitionString`: CDK writes it as an Fn::Join of literals and the `Arn` of the
 * functions it invokes; `arnOf` names the stand-in ARN of each function by its logical id.
 */
export function resolveDefinition(
  definitionString: unknown,
  arnOf: (logicalId: string) => string | undefined,
): StateMachineDefinition {
  return JSON.parse(resolveString(definitionString, arnOf)) as StateMachineDefinition;
}

function resolveString(value: unknown, arnOf: (logicalId: string) => string | undefined): string {
  if (typeof value === 'string') return value;
  if (isRecord(value) && 'Fn::Join' in value) {
    const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => resolveString(part, arnOf)).join(separator);
  }
  if (isRecord(value) && 'Fn::GetAtt' in value) {
    const [logicalId, attribute] = value['Fn::GetAtt'] as [string, string];
    const arn = arnOf(logicalId);
    if (attribute === 'Arn' && arn !== undefined) return arn;
  }
  throw new WorkflowDefinitionError(
    `the state machine definition refers to ${JSON.stringify(value)}, which the local runner cannot resolve`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
