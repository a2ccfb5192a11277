import { getAtt, ref, select, sub, tags, type CfnResource, type Resources } from './cfn';
import { CREATE_CLUSTER, Created } from './parameters';

const VPC_CIDR = '10.42.0.0/16';
const SUBNET_CIDRS = ['10.42.0.0/20', '10.42.16.0/20', '10.42.32.0/20'];
export const KAFKA_IAM_PORT = 9098;

/** Logical ids of the network the stack creates (under {@link CREATE_CLUSTER}). */
export const Network = {
  vpc: 'Vpc',
  routeTable: 'PrivateRouteTable',
  clusterSecurityGroup: 'KafkaClusterSecurityGroup',
  endpointSecurityGroup: 'VpcEndpointSecurityGroup',
} as const;

// Private subnets only, no NAT: everything the functions and the event source mappings call is
// reached through VPC endpoints. Interface endpoints (per AZ, hourly) are needed for:
// - lambda, sts: the MSK event source mapping polls from ENIs in the cluster's subnets with the
//   cluster's security group and, in the default on-demand mode, invokes the function and assumes
//   its role through those ENIs (no NAT, no endpoints: the mapping cannot invoke);
// - kafka: the functions resolve the brokers with GetBootstrapBrokers (lib/kafka/kafkaConnection.ts).
// Gateway endpoints (free): dynamodb for the tables, s3 for the topics custom resource's response.
const INTERFACE_ENDPOINTS = ['lambda', 'sts', 'kafka'] as const;
const GATEWAY_ENDPOINTS = ['dynamodb', 's3'] as const;

type EndpointService = (typeof INTERFACE_ENDPOINTS)[number] | (typeof GATEWAY_ENDPOINTS)[number];

/** `kafka` → `KafkaVpcEndpoint`. */
export const endpointLogicalId = (service: EndpointService) =>
  `${service.charAt(0).toUpperCase()}${service.slice(1)}VpcEndpoint`;

const created = (resource: Omit<CfnResource, 'Condition'>): CfnResource => ({
  ...resource,
  Condition: CREATE_CLUSTER,
});

const name = (suffix: string) => tags({ Name: sub(`\${AWS::StackName}-${suffix}`) });

function subnets(): Resources {
  const resources: Resources = {};
  Created.subnets.forEach((subnetId, index) => {
    resources[subnetId] = created({
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: ref(Network.vpc),
        CidrBlock: SUBNET_CIDRS[index] ?? '',
        AvailabilityZone: select(index, { 'Fn::GetAZs': '' }),
        MapPublicIpOnLaunch: false,
        Tags: name(`private-${index}`),
      },
    });
    resources[`${subnetId}RouteTableAssociation`] = created({
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref(subnetId), RouteTableId: ref(Network.routeTable) },
    });
  });
  return resources;
}

function securityGroups(): Resources {
  const group = (description: string) =>
    created({
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: description, VpcId: ref(Network.vpc), Tags: name(description) },
    });
  const ingress = (to: string, from: string, port: number, description: string) =>
    created({
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: getAtt(to, 'GroupId'),
        SourceSecurityGroupId: getAtt(from, 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        Description: description,
      },
    });
  const { clusterSecurityGroup: cluster, endpointSecurityGroup: endpoints } = Network;
  const functions = Created.functionSecurityGroup;
  return {
    [functions]: group('functions'),
    [cluster]: group('kafka brokers'),
    [endpoints]: group('vpc endpoints'),
    // Separate ingress resources: a group that refers to itself inline would be a circular dependency.
    KafkaFromFunctionsIngress: ingress(cluster, functions, KAFKA_IAM_PORT, 'functions to brokers (IAM)'),
    KafkaFromEventSourceIngress: ingress(cluster, cluster, KAFKA_IAM_PORT, 'event source mapping pollers'),
    EndpointsFromFunctionsIngress: ingress(endpoints, functions, 443, 'functions to AWS APIs'),
    EndpointsFromEventSourceIngress: ingress(endpoints, cluster, 443, 'event source mapping to Lambda, STS'),
  };
}

function endpoints(): Resources {
  const resources: Resources = {};
  for (const service of INTERFACE_ENDPOINTS) {
    resources[endpointLogicalId(service)] = created({
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcEndpointType: 'Interface',
        ServiceName: sub(`com.amazonaws.\${AWS::Region}.${service}`),
        VpcId: ref(Network.vpc),
        SubnetIds: Created.subnets.map((id) => ref(id)),
        SecurityGroupIds: [ref(Network.endpointSecurityGroup)],
        PrivateDnsEnabled: true,
      },
    });
  }
  for (const service of GATEWAY_ENDPOINTS) {
    resources[endpointLogicalId(service)] = created({
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcEndpointType: 'Gateway',
        ServiceName: sub(`com.amazonaws.\${AWS::Region}.${service}`),
        VpcId: ref(Network.vpc),
        RouteTableIds: [ref(Network.routeTable)],
      },
    });
  }
  return resources;
}

/** The VPC: three private subnets in three AZs, security groups and VPC endpoints. */
export function networkResources(): Resources {
  return {
    [Network.vpc]: created({
      Type: 'AWS::EC2::VPC',
      // DNS hostnames and support: private DNS of the interface endpoints needs both.
      Properties: {
        CidrBlock: VPC_CIDR,
        EnableDnsSupport: true,
        EnableDnsHostnames: true,
        Tags: name('vpc'),
      },
    }),
    [Network.routeTable]: created({
      Type: 'AWS::EC2::RouteTable',
      Properties: { VpcId: ref(Network.vpc), Tags: name('private') },
    }),
    ...subnets(),
    ...securityGroups(),
    ...endpoints(),
  };
}
