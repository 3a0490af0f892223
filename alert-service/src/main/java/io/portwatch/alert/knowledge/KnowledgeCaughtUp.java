package io.portwatch.alert.knowledge;

/**
 * CDI event: the knowledge view has read the knowledge topic up to where it ended at start.
 *
 * @param entries how many entries the view holds
 */
public record KnowledgeCaughtUp(int entries) {
}
