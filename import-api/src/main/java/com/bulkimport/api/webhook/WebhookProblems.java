package com.bulkimport.api.webhook;

import com.bulkimport.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

import java.util.UUID;

/** The webhook API's refusals, each named for its fact. */
final class WebhookProblems {

    private WebhookProblems() {
    }

    /** No such endpoint for this caller: another tenant's looks exactly the same. */
    static final class WebhookNotFound extends ApiProblem {
        WebhookNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "webhook-not-found", "Webhook not found", "there is no webhook " + id);
        }
    }

    static final class DeliveryNotFound extends ApiProblem {
        DeliveryNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "delivery-not-found", "Delivery not found",
                    "this webhook has no delivery " + id);
        }
    }

    /** The URL is one this system will not send to (SSRF policy): private, loopback, link-local, http... */
    static final class TargetNotAllowed extends ApiProblem {
        TargetNotAllowed(String reason) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "webhook-target-refused", "Webhook URL refused", reason);
        }
    }

    static final class TooManyWebhooks extends ApiProblem {
        TooManyWebhooks(int limit) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "webhook-limit-reached", "Too many webhooks",
                    "this tenant has " + limit + " webhooks, the limit; delete one first");
        }
    }

    static final class WebhookDisabled extends ApiProblem {
        WebhookDisabled(UUID id) {
            super(HttpStatus.CONFLICT, "webhook-disabled", "Webhook disabled",
                    "webhook " + id + " is disabled; enable it (PATCH enabled=true) first");
        }
    }

    /** A PENDING delivery may be in an attempt right now: a redelivery then would send it twice at once. */
    static final class DeliveryInProgress extends ApiProblem {
        DeliveryInProgress(UUID id) {
            super(HttpStatus.CONFLICT, "delivery-in-progress", "Delivery still being attempted",
                    "delivery " + id + " is still being attempted (PENDING); redeliver it once it is DELIVERED or FAILED");
        }
    }
}
