import { join } from 'node:path';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { WorkflowFunctionName } from './claim-workflow.ts';
import { acknowledgeRule, acknowledgeWildcardResource } from './nag-acknowledgements.ts';

/** The repository root: entries, the lockfile and tsconfig.json live there. */
export const projectRoot = join(import.meta.dirname, '..');

/** The deployed entry of each Lambda (`handler.ts` builds its dependencies from the environment). */
export function lambdaEntry(name: WorkflowFunctionName): string {
  return join(projectRoot, 'lambdas', name, 'handler.ts');
}

/**
 * esbuild emits ESM (the handlers use top-level await and `import.meta`); a few CommonJS dependencies
 * bundled into it still call `require`, which ESM lacks, so the bundle defines one.
 */
const requireBanner =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export interface WorkflowFunctionProps {
  /** Which Lambda: its entry is `lambdas/<name>/handler.ts`. */
  readonly name: WorkflowFunctionName;
  readonly timeout: Duration;
  /**
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * How long the function's log group keeps its logs.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
}

/**
 * One Lambda of the workflow: Node.js 24 on ARM, bundled locally by esbuild (AWS SDK included, so the
 * deployed code runs the SDK version the tests ran), JSON logs into its own log group, X-Ray tracing,
 * and a role that starts with nothing but writing to that log group.
 */
export class WorkflowFunction extends Construct {
  readonly function: NodejsFunction;
  readonly timeout: Duration;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: WorkflowFunctionProps) {
    super(scope, id);
    this.timeout = props.timeout;
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role instead of the managed AWSLambdaBasicExecutionRole, which may write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.name} step of the phone-number claim workflow`,
    });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: lambdaEntry(props.name),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        banner: requireBanner,
        minify: true,
        sourceMap: true,
        bundleAwsSDK: true,
        externalModules: [],
        tsconfig: join(projectRoot, 'tsconfig.json'),
        forceDockerBundling: false,
      },
    });
    acknowledgeRule(
      this.function,
      'AwsSolutions-L1',
      'Node.js 24 is the runtime the project is built and tested on (package.json engines); moving to a newer one is a deliberate upgrade, not a drift',
    );
    acknowledgeWildcardResource(
      this.role,
      '*',
      'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions',
    );
  }
}
