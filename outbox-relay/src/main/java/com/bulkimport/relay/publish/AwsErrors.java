package com.bulkimport.relay.publish;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Sorts a failed AWS call: the service being unreachable is not the messages' fault. */
final class AwsErrors {

    private AwsErrors() {
    }

    /**
     * True when the call never got an answer (connection refused, timeout) or the service said it is
     * overloaded or broken (5xx, throttling): the messages themselves are fine, the transport is down.
     */
    static boolean unavailable(SdkException e) {
        if (e instanceof SdkClientException) {
            return true;
        }
        return e instanceof AwsServiceException service
                && (service.statusCode() >= 500 || service.isThrottlingException());
    }

    static PublishOutcome outcome(java.util.UUID id, String call, SdkException e) {
        String error = describe(call, e);
        return unavailable(e) ? PublishOutcome.unavailable(id, error) : PublishOutcome.retry(id, error);
    }

    /** The error code first: operators search for it. */
    static String describe(String call, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return call + " failed: " + service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + "): "
                    + service.awsErrorDetails().errorMessage();
        }
        return call + " failed: " + e.getMessage();
    }

    /** The error code of a service's answer, or null when there was none. */
    static String code(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : null;
    }
}
