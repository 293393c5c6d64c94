package com.bulkimport.infra.network;

import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

import java.util.List;

/**
 * Two zones: public subnets for the load balancer, private ones (with egress through one NAT
 * gateway) for the services, isolated ones for the database, which never needs the internet.
 */
public class Network extends Construct {

    private final Vpc vpc;

    public Network(Construct scope, String id) {
        super(scope, id);
        vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
                .maxAzs(2)
                // one NAT gateway keeps a small deployment cheap; the services only call AWS APIs through it
                .natGateways(1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(20).build(),
                        SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .build();
        // uploads can be gigabytes: the worker reads them through the free gateway endpoint, not the NAT
        vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build());
    }

    public Vpc vpc() {
        return vpc;
    }
}
