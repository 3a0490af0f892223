package io.portwatch.alert.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of an analyst's action.
 *
 * @param reason why (required, at most {@value #MAX_REASON} characters)
 */
public record ActionRequest(
        @NotBlank(message = "reason is required: say why, for the finding's history")
        @Size(max = ActionRequest.MAX_REASON, message = "reason is longer than " + ActionRequest.MAX_REASON + " characters")
        String reason) {

    static final int MAX_REASON = 1_000;
}
