import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag (AwsSolutions pack) acknowledgements, each with its reason. They sit on the construct that
 * carries the finding, so that they cannot outlive it; without the plugin registered they are inert.
 */

/** Acknowledges the wildcard in one resource of an IAM policy (finding `AwsSolutions-IAM5[Resource::…]`). */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  Validations.of(scope).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${findingName(scope, resource)}]`,
    reason,
  });
}

export function acknowledgeRule(scope: IConstruct, ruleId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: ruleId, reason });
}

/** Renders a resource as cdk-nag names it: tokens become `<AWS::Region>`, `<LogicalId.Arn>`. */
function findingName(scope: IConstruct, resource: string): string {
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.Ref === 'string') return `<${record.Ref}>`;
      const getAtt = record['Fn::GetAtt'];
      if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
      const join = record['Fn::Join'];
      if (Array.isArray(join)) return (join[1] as unknown[]).map(render).join(join[0] as string);
    }
    throw new Error(`cannot name ${JSON.stringify(value)} as cdk-nag does`);
  };
  return render(Stack.of(scope).resolve(resource));
}
