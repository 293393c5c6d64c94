package com.bulkimport.infra.signin;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The stack creates no user pool: an operator configures Cognito (README, "In production"). The services
 * read the tenant from a token claim that a pre-token-generation trigger copies from {@code custom:tenant},
 * so an app client through which users may write that attribute lets anyone choose a tenant. This guard
 * makes such a deployment fail: synthesis needs the app clients ({@code tokenAudiences}), and a custom
 * resource asks Cognito for each one's write attributes when the stack is created and whenever the issuer
 * or the clients change (script {@value #SCRIPT}).
 */
public class TenantAttributeGuard extends Construct {

    static final String SCRIPT = "/bulkimport/tenant-guard.js";

    private final Function check;
    private final CustomResource resource;

    public TenantAttributeGuard(Construct scope, String id, CognitoIssuer issuer, List<String> clientIds) {
        super(scope, id);
        check = Function.Builder.create(this, "Check")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline(script()))
                .timeout(Duration.seconds(30))
                .description("Fails the deployment if users may write custom:tenant through an app client the API trusts")
                .build();
        // describing the pool's clients is all it may do
        check.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("cognito-idp:DescribeUserPoolClient"))
                .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder()
                        .service("cognito-idp").region(issuer.region()).resource("userpool")
                        .resourceName(issuer.userPoolId()).build())))
                .build());
        Provider provider = Provider.Builder.create(this, "Provider").onEventHandler(check).build();
        resource = CustomResource.Builder.create(this, "Resource")
                .serviceToken(provider.getServiceToken())
                .resourceType("Custom::TenantAttributeGuard")
                .properties(Map.of("UserPoolId", issuer.userPoolId(), "ClientIds", clientIds))
                .build();
    }

    /**
     * With a Cognito issuer, the guard over the clients named in {@code tokenAudiences}; they are also what
     * Cognito access tokens carry as {@code client_id}, so without them no token would be accepted anyway.
     */
    public static void protect(Construct scope, String issuerUri, String tokenAudiences) {
        CognitoIssuer.of(issuerUri).ifPresent(issuer -> {
            if (tokenAudiences == null) {
                throw new IllegalArgumentException("issuerUri " + issuerUri + " is a Cognito user pool: give its app"
                        + " client ids as -c tokenAudiences=<id>[,<id>] (Cognito access tokens carry them as client_id,"
                        + " and the deployment checks that none lets users write custom:tenant)");
            }
            List<String> clients = Arrays.stream(tokenAudiences.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
            new TenantAttributeGuard(scope, "TenantAttributeGuard", issuer, clients);
        });
    }

    static String script() {
        try (InputStream in = TenantAttributeGuard.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Function check() {
        return check;
    }

    public CustomResource resource() {
        return resource;
    }
}
