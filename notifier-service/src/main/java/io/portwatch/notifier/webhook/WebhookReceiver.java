package io.portwatch.notifier.webhook;

import io.portwatch.notifier.config.NotifierConfig;
import io.portwatch.notifier.config.Secrets;
import io.portwatch.notifier.delivery.Change;
import io.portwatch.notifier.delivery.DeliveryException;
import io.portwatch.notifier.delivery.HttpPoster;
import io.portwatch.notifier.delivery.Receiver;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * POSTs a batch to a webhook in a {@link BodyFormat}, with the configured headers (values from files stay out of
 * logs), the dedup keys ({@value #DEDUP_HEADER}) and, with a key, an HMAC signature ({@link HmacSigner}).
 */
public final class WebhookReceiver implements Receiver {

    static final String DEDUP_HEADER = "X-Portwatch-Dedup-Key";

    private final URI url;
    private final BodyFormat format;
    private final HttpPoster poster;
    private final NotifierConfig.Webhook config;
    private final Map<String, String> headers;
    private final Optional<HmacSigner> signer;

    public WebhookReceiver(URI url, NotifierConfig.Webhook config, BodyFormat format, HttpPoster poster) {
        this.url = url;
        this.format = format;
        this.poster = poster;
        this.config = config;
        Map<String, String> all = new LinkedHashMap<>(config.headers());
        config.headerFiles().forEach((name, file) -> all.put(name, Secrets.read(file)));
        this.headers = Map.copyOf(all);
        this.signer = config.hmacKeyFile().map(Secrets::read).map(HmacSigner::new);
    }

    /** The URL of the output configured by {@code config}, when it is on. */
    public static Optional<URI> url(NotifierConfig.Webhook config) {
        return Secrets.url(config);
    }

    @Override
    public void send(List<Change> batch) throws DeliveryException {
        byte[] body = format.body(batch);
        Map<String, String> request = new LinkedHashMap<>(headers);
        request.put(DEDUP_HEADER, batch.stream().map(Change::dedupKey).collect(Collectors.joining(",")));
        signer.ifPresent(hmac -> {
            long timestamp = Instant.now().getEpochSecond();
            request.put(HmacSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
            request.put(HmacSigner.SIGNATURE_HEADER, hmac.signature(timestamp, body));
        });
        poster.post(url, format.contentType(batch.size()), body, request, config.timeout());
    }
}
