package io.portwatch.alert.api;

/**
 * The body of an analyst's action.
 *
 * @param reason why (required, at most {@value #MAX_REASON} characters)
 */
public record ActionRequest(String reason) {

    static final int MAX_REASON = 1_000;

    public ActionRequest {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required: say why, for the finding's history");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason is longer than " + MAX_REASON + " characters");
        }
    }
}
