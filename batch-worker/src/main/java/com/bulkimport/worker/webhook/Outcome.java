package com.bulkimport.worker.webhook;

/**
 * How one attempt ended.
 *
 * @param statusCode the receiver's status, or null when there was none (timeout, refused target, connection error)
 * @param error      why it failed when the status does not say it, or null
 * @param response   the first bytes of the receiver's answer (see {@code response-limit}), or null
 */
record Outcome(Integer statusCode, String error, String response, long durationMs) {

    boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** 410 Gone: the receiver says this endpoint is no more; it is disabled at once. */
    boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
