package com.bulkimport.infra.services;

import com.bulkimport.infra.BulkImportStack;
import com.bulkimport.infra.DeploymentSettings;
import com.bulkimport.infra.Stage;
import com.bulkimport.infra.SynthesizedStack;
import com.bulkimport.infra.TemplateQueries;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API is served over HTTPS with the deployment's ACM certificate; port 80 only redirects; HSTS from the ALB. */
@SuppressWarnings("unchecked")
class ApiHttpsUnitTest {

    static final String HSTS = "routing.http.response.strict_transport_security.header_value";

    private static Map<Object, Map<String, Object>> listenersByPort(TemplateQueries template) {
        Map<Object, Map<String, Object>> byPort = new TreeMap<>();
        template.ids("AWS::ElasticLoadBalancingV2::Listener").forEach(id -> byPort.put(template.properties(id).get("Port"),
                template.properties(id)));
        return byPort;
    }

    @Test
    void port443ServesTheCertificateWithTls12OrLaterAndSendsHsts() {
        TemplateQueries template = TemplateQueries.ofDefaultStack();
        Map<Object, Map<String, Object>> listeners = listenersByPort(template);
        assertThat(listeners.keySet()).containsExactly(80, 443);
        String targetGroup = template.ids("AWS::ElasticLoadBalancingV2::TargetGroup").get(0);
        Map<String, Object> https = listeners.get(443);
        assertThat(https).containsEntry("Protocol", "HTTPS")
                .containsEntry("Certificates", List.of(Map.of("CertificateArn", SynthesizedStack.TEST_CERTIFICATE)))
                .containsEntry("SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06")
                .containsEntry("DefaultActions", List.of(Map.of("Type", "forward",
                        "TargetGroupArn", Map.of("Ref", targetGroup))))
                // the ALB, where TLS ends, tells browsers to use nothing else for a year (the tasks see plain HTTP)
                .containsEntry("ListenerAttributes", List.of(Map.of("Key", HSTS,
                        "Value", "max-age=31536000; includeSubDomains")));
    }

    @Test
    void port80OnlyRedirectsToHttpsPermanently() {
        Map<String, Object> http = listenersByPort(TemplateQueries.ofDefaultStack()).get(80);
        assertThat(http).containsEntry("Protocol", "HTTP").containsEntry("DefaultActions", List.of(Map.of(
                "Type", "redirect",
                "RedirectConfig", Map.of("Port", "443", "Protocol", "HTTPS", "StatusCode", "HTTP_301"))));
        assertThat(http).doesNotContainKey("ListenerAttributes");
    }

    @Test
    void theAlbAcceptsOnlyPorts80And443FromTheInternet() {
        TemplateQueries template = TemplateQueries.ofDefaultStack();
        String alb = template.ids("AWS::ElasticLoadBalancingV2::LoadBalancer").get(0);
        Map<String, Object> lb = template.properties(alb);
        String group = (String) ((List<Map<String, List<Object>>>) lb.get("SecurityGroups")).get(0).get("Fn::GetAtt").get(0);
        List<Map<String, Object>> ingress = (List<Map<String, Object>>) template.properties(group).get("SecurityGroupIngress");
        assertThat(ingress.stream().map(rule -> rule.get("CidrIp") + ":" + rule.get("FromPort")).sorted().toList())
                .containsExactly("0.0.0.0/0:443", "0.0.0.0/0:80");
    }

    @Test
    void withoutACertificateSynthesisFailsAndSaysWhatToPass() {
        for (Stage stage : List.of(Stage.DEV, Stage.PROD)) {
            assertThatThrownBy(() -> SynthesizedStack.synth(DeploymentSettings.defaults(stage)))
                    .as(stage.id()).hasMessageContaining("stage " + stage.id()
                            + ": the API is served over HTTPS only, so it needs an ACM certificate:"
                            + " -c certificateArn=arn:aws:acm:<region>:<account>:certificate/<id>");
        }
        assertThatThrownBy(() -> SynthesizedStack.synth(DeploymentSettings.defaults(Stage.DEV)
                .withCertificateArn("imports.acme.com")))
                .hasMessageContaining("certificateArn must be an ACM certificate's ARN");
    }

    @Test
    void onlyTheDevStageMayOptOutToPlainHttp() {
        BulkImportStack dev = SynthesizedStack.synth(DeploymentSettings.defaults(Stage.DEV).withAllowPlainHttp(true));
        TemplateQueries template = new TemplateQueries(Template.fromStack(dev), dev);
        Map<Object, Map<String, Object>> listeners = listenersByPort(template);
        assertThat(listeners.keySet()).containsExactly(80);
        assertThat(listeners.get(80)).containsEntry("Protocol", "HTTP").doesNotContainKey("ListenerAttributes");
        for (Stage stage : List.of(Stage.QA, Stage.STAGING, Stage.PROD)) {
            assertThatThrownBy(() -> SynthesizedStack.synth(DeploymentSettings.defaults(stage).withAllowPlainHttp(true)))
                    .as(stage.id()).hasMessageContaining("allowPlainHttp is for the dev stage only");
        }
    }

    @Test
    void theApiUrlIsHttps() {
        Map<String, Object> outputs = (Map<String, Object>) SynthesizedStack.template().toJSON().get("Outputs");
        Map<String, Object> url = (Map<String, Object>) outputs.get("ApiUrl");
        assertThat(url.get("Value").toString()).startsWith("{Fn::Join=[, [https://, {Fn::GetAtt=");
    }
}
