package com.bulkimport.relay.publish;

import java.nio.charset.StandardCharsets;

/** Sizes as the brokers count them: both EventBridge's and SQS's limits are in UTF-8 bytes, not characters. */
final class Utf8 {

    private Utf8() {
    }

    static int length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
