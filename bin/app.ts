#!/usr/bin/env node
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ContextKey, deploymentSettingsFromContext } from '../lib/deployment-context.ts';
import { PhoneNumberClaimerStack } from '../lib/phone-number-claimer-stack.ts';

const app = new App();
const { props, usesDemoTarget } = deploymentSettingsFromContext((key) => app.node.tryGetContext(key));
const stack = new PhoneNumberClaimerStack(app, 'PhoneNumberClaimer', {
  ...props,
  description: 'Claims Amazon Connect phone numbers with a Step Functions workflow (phone-number-claimer)',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
if (usesDemoTarget) {
  Annotations.of(stack).addWarningV2(
    'phone-number-claimer:demoTarget',
    `No ${ContextKey.instanceIds} or ${ContextKey.trafficDistributionGroupIds} context: the stack targets the ` +
      `Connect emulator's demo instance ${props.instanceIds?.[0]}. To deploy, pass your own, e.g. ` +
      `cdk deploy -c ${ContextKey.instanceIds}=<instance id>[,<id>...]`,
  );
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
