package io.portwatch.registry.lookup;

import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Test-only route at the order of Quarkus' authentication handler: a request carrying {@link #ASK} that gets that far
 * is answered with {@link #REACHED}. A lookup answered by {@link LookupRoutes} must never carry it.
 */
@ApplicationScoped
public class OrderProbe {

    static final String ASK = "X-Test-Order-Probe";
    static final String REACHED = "X-Test-Reached-Authentication";

    void install(@Observes Router router) {
        router.route().order(-SecurityHandlerPriorities.AUTHENTICATION).handler(context -> {
            if (context.request().getHeader(ASK) != null) {
                context.response().putHeader(REACHED, "true");
            }
            context.next();
        });
    }
}
