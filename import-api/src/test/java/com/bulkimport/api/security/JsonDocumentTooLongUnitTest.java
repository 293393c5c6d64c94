package com.bulkimport.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of Jackson's constraint failures is a body too large (413) and which a malformed one (400): real
 * failures of a real parser with small limits, wrapped as Spring's converter wraps them.
 */
class JsonDocumentTooLongUnitTest {

    private static final JsonMapper CAPPED = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(
            StreamReadConstraints.defaults().rebuild().maxDocumentLength(16).maxNestingDepth(3).build()).build()).build();

    private static HttpMessageNotReadableException failureOf(String json) {
        try {
            CAPPED.readTree(new ByteArrayInputStream(json.getBytes(StandardCharsets.US_ASCII)));
        } catch (JacksonException e) {
            return new HttpMessageNotReadableException("JSON parse error", e, null);
        }
        throw new AssertionError("read: " + json);
    }

    @Test
    void aDocumentPastTheCapIsTooLarge() {
        assertThat(JsonDocumentTooLong.documentTooLong(failureOf("{\"a\":\"" + "x".repeat(20) + "\"}"))).isTrue();
        assertThat(JsonDocumentTooLong.documentTooLong(failureOf("{}" + " ".repeat(15)))).isTrue();
    }

    @Test
    void otherConstraintsAndBrokenJsonAreNot() {
        assertThat(JsonDocumentTooLong.documentTooLong(failureOf("[[[[1]]]]"))).isFalse();
        assertThat(JsonDocumentTooLong.documentTooLong(failureOf("{\"a\":}"))).isFalse();
    }
}
