import { ArnFormat, Stack } from 'aws-cdk-lib';
import { type Grant, Grant as IamGrant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { acknowledgeWildcardResource } from './nag-acknowledgements.ts';

export interface ConnectPhoneNumberAccessProps {
  /** The Connect instances numbers may be claimed to. */
  readonly instanceIds: readonly string[];
  /** The traffic distribution groups numbers may be claimed to. */
  readonly trafficDistributionGroupIds: readonly string[];
}

/**
 * Least-privilege grants for the phone-number operations, from the Service Authorization Reference for
 * Amazon Connect (resource types of each action):
 * - ClaimPhoneNumber: instance*, traffic-distribution-group*, wildcard-phone-number*
 * - SearchAvailablePhoneNumbers, ListPhoneNumbersV2: wildcard-phone-number*
 * - DescribePhoneNumber: phone-number*;  TagResource (claims carry tags): phone-number among others
 * `wildcard-phone-number` is `arn:…:phone-number/*`: a claim names a number that has no id yet, so the
 * phone-number resource can only be the account's phone numbers in this Region — never `*`, never `connect:*`.
 * Search and List also get the named targets, which their requests carry, so that nothing beyond those
 * targets and the phone-number ARNs is ever granted.
 */
export class ConnectPhoneNumberAccess extends Construct {
  /** ARNs of the named instances and traffic distribution groups. */
  readonly targetArns: readonly string[];
  /** `arn:<partition>:connect:<region>:<account>:phone-number/*` */
  readonly phoneNumbersArn: string;

  constructor(scope: Construct, id: string, props: ConnectPhoneNumberAccessProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const connectArn = (resource: string, resourceName: string) =>
      stack.formatArn({
        service: 'connect',
        resource,
        resourceName,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    this.targetArns = [
      ...props.instanceIds.map((instanceId) => connectArn('instance', instanceId)),
      ...props.trafficDistributionGroupIds.map((groupId) =>
        connectArn('traffic-distribution-group', groupId),
      ),
    ];
    this.phoneNumbersArn = connectArn('phone-number', '*');
  }

  /** Recovery (ListPhoneNumbersV2 + DescribePhoneNumber of tagged numbers) and SearchAvailablePhoneNumbers. */
  grantSearch(grantee: IGrantable): Grant {
    this.grant(grantee, ['connect:DescribePhoneNumber'], [this.phoneNumbersArn]);
    return this.grant(
      grantee,
      ['connect:SearchAvailablePhoneNumbers', 'connect:ListPhoneNumbersV2'],
      [...this.targetArns, this.phoneNumbersArn],
    );
  }

  /** ClaimPhoneNumber with tags, and DescribePhoneNumber to follow each claim to CLAIMED or FAILED. */
  grantClaim(grantee: IGrantable): Grant {
    this.grant(grantee, ['connect:DescribePhoneNumber', 'connect:TagResource'], [this.phoneNumbersArn]);
    return this.grant(grantee, ['connect:ClaimPhoneNumber'], [...this.targetArns, this.phoneNumbersArn]);
  }

  private grant(grantee: IGrantable, actions: string[], resourceArns: string[]): Grant {
    const principal: unknown = grantee.grantPrincipal;
    if (resourceArns.includes(this.phoneNumbersArn) && Construct.isConstruct(principal)) {
      acknowledgeWildcardResource(
        principal as IConstruct,
        this.phoneNumbersArn,
        'Connect authorizes these actions on the wildcard-phone-number resource (phone-number/*, Service Authorization Reference): a number to claim has no id yet, and the ids of claimed numbers are not known at deploy time',
      );
    }
    return IamGrant.addToPrincipal({ grantee, actions, resourceArns });
  }
}
