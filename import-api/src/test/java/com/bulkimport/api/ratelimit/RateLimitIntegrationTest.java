package com.bulkimport.api.ratelimit;

import com.bulkimport.api.ApiIntegrationTest;
import com.bulkimport.api.support.ApiHttp;
import com.bulkimport.api.support.ApiInstance;
import com.bulkimport.api.support.TestUser;
import com.bulkimport.local.embedded.testkit.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits with tight buckets (creating and starting 3 an hour, so one token per 1200 s; the others 2 an
 * hour), against this context and a second instance of the API on the same database. Each test acts as a user
 * of its own; no job has the ids asked for, so a granted request is a 404, but it took its token first.
 */
@TestPropertySource(properties = {RateLimitIntegrationTest.CREATE_CAPACITY, RateLimitIntegrationTest.CREATE_PERIOD,
        RateLimitIntegrationTest.START_CAPACITY, RateLimitIntegrationTest.START_PERIOD,
        "bulkimport.rate-limit.sample.capacity=2", "bulkimport.rate-limit.sample.period=1h",
        "bulkimport.rate-limit.error-report.capacity=2", "bulkimport.rate-limit.error-report.period=1h",
        "bulkimport.rate-limit.confirm.capacity=2", "bulkimport.rate-limit.confirm.period=1h",
        "bulkimport.rate-limit.update.capacity=2", "bulkimport.rate-limit.update.period=1h"})
class RateLimitIntegrationTest extends ApiIntegrationTest {

    static final String CREATE_CAPACITY = "bulkimport.rate-limit.create.capacity=3";
    static final String CREATE_PERIOD = "bulkimport.rate-limit.create.period=1h";
    static final String START_CAPACITY = "bulkimport.rate-limit.start.capacity=3";
    static final String START_PERIOD = "bulkimport.rate-limit.start.period=1h";

    static ConfigurableApplicationContext other;

    @BeforeAll
    static void startASecondInstance() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.profiles.active", "local");
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER.issuer());
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER.jwkSetUri());
        for (String property : List.of(CREATE_CAPACITY, CREATE_PERIOD, START_CAPACITY, START_PERIOD)) {
            String[] pair = property.split("=", 2);
            properties.put(pair[0], pair[1]);
        }
        other = ApiInstance.start(properties);
    }

    @AfterAll
    static void stopTheSecondInstance() {
        if (other != null) {
            other.close();
        }
    }

    private static TestUser someone() {
        return TestUser.named("rate-" + UUID.randomUUID(), "rate");
    }

    private ApiHttp onOther(TestUser user) {
        return ApiHttp.bearer("http://127.0.0.1:" + other.getEnvironment().getProperty("local.server.port"),
                ISSUER.token(user));
    }

    private static JsonHttp.Response start(ApiHttp api) {
        return api.post("/api/imports/" + UUID.randomUUID() + "/start", null, null);
    }

    @Test
    void oneLimitAcrossTwoInstances() {
        TestUser user = someone();
        ApiHttp here = http(user);
        ApiHttp there = onOther(user);
        Clock clock = new Clock();

        // no job has these ids, so each start is a 404, but each took a token first
        assertThat(start(here).status()).isEqualTo(404);
        assertThat(start(there).status()).isEqualTo(404);
        assertThat(start(here).status()).isEqualTo(404);
        JsonHttp.Response fourthThere = start(there);
        JsonHttp.Response fifthHere = start(here);

        assertThat(fourthThere.status()).isEqualTo(429);
        assertThat(fourthThere.json().path("type").asString()).endsWith("/rate-limited");
        clock.seconds(fourthThere.header("Retry-After"), 1200);
        assertThat(fifthHere.status()).isEqualTo(429);
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_buckets WHERE subject = :subject")
                .param("subject", user.subject()).query(Long.class).single()).isEqualTo(1);
    }

    /** 3 an hour: each token takes 1200 s to come back, a full bucket 3600 s from empty. */
    @Test
    void answersCarryTheBucketsHeaders() {
        ApiHttp user = http(someone()).with("Origin", "https://ui.example.test");
        Clock clock = new Clock();
        List<JsonHttp.Response> answers = List.of(start(user), start(user), start(user), start(user));

        for (int i = 0; i < 3; i++) {
            JsonHttp.Response granted = answers.get(i);
            assertThat(granted.status()).isEqualTo(404);
            assertThat(granted.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(granted.header("RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
            clock.seconds(granted.header("RateLimit-Reset"), 1200L * (i + 1));
            assertThat(granted.header("Retry-After")).isNull();
        }
        JsonHttp.Response refused = answers.get(3);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.json().path("type").asString()).endsWith("/rate-limited");
        clock.detail(refused, "you may start, resume or retry at most 3 imports per 3600 s", 1200);
        clock.seconds(refused.json().path("retry_after_seconds").asString(), 1200);
        clock.seconds(refused.header("Retry-After"), 1200);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        clock.seconds(refused.header("RateLimit-Reset"), 3600);
        // a browser's script may read them
        assertThat(refused.header("Access-Control-Expose-Headers"))
                .isEqualTo("Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset");
    }

    @Test
    void unlimitedEndpointsCarryNoRateLimitHeaders() {
        JsonHttp.Response status = http(someone()).get("/api/imports/" + UUID.randomUUID());

        assertThat(status.status()).isEqualTo(404);
        assertThat(status.header("RateLimit-Limit")).isNull();
    }

    private static JsonHttp.Response retry(ApiHttp api) {
        return api.post("/api/imports/" + UUID.randomUUID() + "/retry", null, null);
    }

    @Test
    void aRetryDrawsFromTheStartBucket() {
        ApiHttp user = http(someone());
        Clock clock = new Clock();
        assertThat(start(user).status()).isEqualTo(404);
        assertThat(retry(user).status()).isEqualTo(404);
        assertThat(start(user).status()).isEqualTo(404);

        JsonHttp.Response refused = retry(user);

        assertThat(refused.status()).isEqualTo(429);
        clock.detail(refused, "you may start, resume or retry at most 3 imports per 3600 s", 1200);
        assertThat(start(user).status()).isEqualTo(429);
    }

    /**
     * The buckets refill continuously by the database's clock, so a second that passes between two requests takes
     * a second off every "seconds until" the answers carry: a slow machine must not fail the test for it. Each such
     * figure is checked against its value at no elapsed time, less the whole seconds the requests took.
     */
    private static final class Clock {
        private final long started = System.nanoTime();

        long slack() {
            return (long) Math.ceil((System.nanoTime() - started) / 1e9);
        }

        void seconds(String actual, long atNoTime) {
            assertThat(Long.parseLong(actual)).isBetween(atNoTime - slack(), atNoTime);
        }

        void detail(JsonHttp.Response refused, String before, long atNoTime) {
            String detail = refused.json().path("detail").asString();
            assertThat(detail).startsWith(before + "; retry in ").endsWith(" s");
            seconds(detail.substring((before + "; retry in ").length(), detail.length() - 2), atNoTime);
        }
    }

    static Stream<Arguments> limitedRequests() {
        Function<ApiHttp, JsonHttp.Response> sample = api -> api.get("/api/imports/" + UUID.randomUUID() + "/sample");
        Function<ApiHttp, JsonHttp.Response> errors = api -> api.get("/api/imports/" + UUID.randomUUID() + "/errors");
        Function<ApiHttp, JsonHttp.Response> csv = api -> api.get("/api/imports/" + UUID.randomUUID() + "/errors.csv");
        Function<ApiHttp, JsonHttp.Response> confirm = api ->
                api.post("/api/imports/" + UUID.randomUUID() + "/confirm", null, null);
        Function<ApiHttp, JsonHttp.Response> update = api -> api.send(api.request("/api/imports/" + UUID.randomUUID())
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{}")));
        return Stream.of(Arguments.of("sample", sample, "read at most 2 samples"),
                Arguments.of("errors", errors, "read at most 2 error reports"),
                Arguments.of("errors.csv", csv, "read at most 2 error reports"),
                Arguments.of("confirm", confirm, "confirm at most 2 imports"),
                Arguments.of("PATCH", update, "change at most 2 imports"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limitedRequests")
    void theThirdRequestInAnHourIsRefused(String name, Function<ApiHttp, JsonHttp.Response> request, String what) {
        ApiHttp user = http(someone());
        Clock clock = new Clock();
        JsonHttp.Response first = request.apply(user);
        JsonHttp.Response second = request.apply(user);
        JsonHttp.Response third = request.apply(user);

        assertThat(first.status()).isEqualTo(404);
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("1");
        assertThat(second.status()).isEqualTo(404);
        assertThat(third.status()).isEqualTo(429);
        clock.detail(third, "you may " + what + " per 3600 s", 1800);
        clock.seconds(third.header("Retry-After"), 1800);
        assertThat(start(user).status()).as("other buckets are untouched").isEqualTo(404);
    }

    @Test
    void theErrorPagesAndTheirCsvShareABucket() {
        ApiHttp user = http(someone());
        assertThat(user.get("/api/imports/" + UUID.randomUUID() + "/errors").status()).isEqualTo(404);
        assertThat(user.get("/api/imports/" + UUID.randomUUID() + "/errors.csv").status()).isEqualTo(404);

        assertThat(user.get("/api/imports/" + UUID.randomUUID() + "/errors").status()).isEqualTo(429);
    }
}
