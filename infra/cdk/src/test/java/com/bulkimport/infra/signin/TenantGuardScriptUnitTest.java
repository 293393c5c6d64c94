package com.bulkimport.infra.signin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard's script, run by node (as in Lambda) against Cognito's answers given by hand: the
 * DescribeUserPoolClient call itself is the only part left to AWS.
 */
class TenantGuardScriptUnitTest {

    /** What {@code check} returns, or "ERROR message", for these UserPoolClient objects (JSON, keyed by id). */
    private static String check(String requestType, String clientsJson) throws IOException, InterruptedException,
            URISyntaxException {
        Path script = Path.of(TenantAttributeGuard.class.getResource(TenantAttributeGuard.SCRIPT).toURI());
        String js = """
                const guard = require(process.argv[1]);
                const clients = %s;
                const describe = async (pool, id) => {
                  if (pool !== 'eu-west-1_abc') throw new Error('asked pool ' + pool);
                  return clients[id];
                };
                guard.check(describe, {RequestType: '%s',
                    ResourceProperties: {UserPoolId: 'eu-west-1_abc', ClientIds: Object.keys(clients)}})
                  .then(r => console.log(JSON.stringify(r)), e => console.log('ERROR ' + e.message));
                """.formatted(clientsJson, requestType);
        Process node = new ProcessBuilder("node", "-e", js, script.toString()).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void clientsThatListTheirWriteAttributesWithoutTheTenantPass() throws Exception {
        assertThat(check("Create", """
                {"web": {"ClientId": "web", "WriteAttributes": ["email", "name"]},
                 "cli": {"ClientId": "cli", "WriteAttributes": ["locale"]}}"""))
                .isEqualTo("{\"PhysicalResourceId\":\"eu-west-1_abc/custom:tenant\"}");
    }

    @Test
    void aClientThatLetsUsersWriteTheTenantFailsTheDeployment() throws Exception {
        assertThat(check("Update", """
                {"web": {"ClientId": "web", "WriteAttributes": ["email", "custom:tenant"]},
                 "cli": {"ClientId": "cli", "WriteAttributes": ["email"]}}"""))
                .isEqualTo("ERROR users could choose their tenant (README, \"In production\"):"
                        + " web: users may write custom:tenant; remove it from its write attributes");
    }

    @Test
    void aClientWithCognitosDefaultWriteAttributesFailsToo() throws Exception {
        assertThat(check("Create", """
                {"web": {"ClientId": "web"}, "cli": {"ClientId": "cli", "WriteAttributes": []}}"""))
                .isEqualTo("ERROR users could choose their tenant (README, \"In production\"):"
                        + " web: sets no write attributes, so Cognito applies its default (attributes writable by users);"
                        + " list those users may change, without custom:tenant;"
                        + " cli: sets no write attributes, so Cognito applies its default (attributes writable by users);"
                        + " list those users may change, without custom:tenant");
    }

    @Test
    void deletingTheStackChecksNothing() throws Exception {
        assertThat(check("Delete", """
                {"web": {"ClientId": "web", "WriteAttributes": ["custom:tenant"]}}""")).isEqualTo("{}");
    }
}
