package io.portwatch.registry.lookup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.AsciiString;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.knowledge.KnowledgeIndexChanged;
import io.portwatch.registry.knowledge.KnowledgeService;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.ByteArrayOutputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The facade of the fast lookups: the answer of every port lookup ({@code GET /api/v1/ports/{port}} and
 * {@code /ports/{port}/{transport}}) as the JSON bytes {@link KnowledgeService} answers serialized by Quarkus' own
 * mapper, with its ETag, serialized once when the index changes instead of at every request. Ports the index holds
 * nothing for are written from a template per range. See DESIGN.md beside it.
 */
@ApplicationScoped
public class LookupAnswers {

    private static final int PORTS = PortRange.MAX_PORT + 1;
    private static final Transport[] TRANSPORTS = Transport.values();

    /**
     * One lookup's answer, as written.
     *
     * @param body the JSON, shared by every response that writes it (Vert.x writes a slice of it)
     * @param etag the quoted ETag
     */
    public record Answer(Buffer body, CharSequence etag) {
    }

    /** Answers of the ports the index holds entries for, by port and by transport then port; null elsewhere. */
    private record Table(Answer[] ports, Answer[][] keys) {

        static Table empty() {
            return new Table(new Answer[PORTS], new Answer[TRANSPORTS.length][PORTS]);
        }

        Table copy() {
            Answer[][] keys = new Answer[TRANSPORTS.length][];
            for (int t = 0; t < keys.length; t++) {
                keys[t] = this.keys[t].clone();
            }
            return new Table(ports.clone(), keys);
        }
    }

    private final KnowledgeService knowledge;
    private final ObjectMapper mapper;
    private final Map<PortRange, PortTemplate> unassignedPorts = new EnumMap<>(PortRange.class);
    private final PortTemplate[][] unassignedKeys = new PortTemplate[TRANSPORTS.length][PortRange.values().length];
    private final CharSequence unassignedPortTag;
    private final CharSequence unassignedKeyTag;
    private volatile Table table;

    public LookupAnswers(KnowledgeService knowledge, ObjectMapper mapper) {
        this.knowledge = knowledge;
        this.mapper = mapper;
        for (PortRange range : PortRange.values()) {
            int first = firstPort(range);
            int last = lastPort(range);
            unassignedPorts.put(range, PortTemplate.of(port -> json(knowledge.unassigned(port)), first, last));
            for (Transport transport : TRANSPORTS) {
                IntFunction<byte[]> single = port -> json(PortKnowledge.unassigned(new PortKey(transport, port)));
                unassignedKeys[transport.ordinal()][range.ordinal()] = PortTemplate.of(single, first, last);
            }
        }
        unassignedPortTag = quoted(Etags.of(knowledge.unassigned(0)));
        unassignedKeyTag = quoted(Etags.of(PortKnowledge.unassigned(new PortKey(Transport.TCP, 0))));
        table = build(Table.empty(), allPorts());
    }

    /** The answer of {@code GET /api/v1/ports/{port}}; {@code port} must be valid. */
    public Answer byPort(int port) {
        Answer answer = table.ports()[port];
        return answer != null ? answer : new Answer(unassignedPorts.get(PortRange.of(port)).render(port), unassignedPortTag);
    }

    /** The answer of {@code GET /api/v1/ports/{port}/{transport}}; {@code port} must be valid. */
    public Answer byKey(Transport transport, int port) {
        Answer answer = table.keys()[transport.ordinal()][port];
        return answer != null ? answer
                : new Answer(unassignedKeys[transport.ordinal()][PortRange.of(port).ordinal()].render(port), unassignedKeyTag);
    }

    /** Re-serializes what changed; runs in the index's lock, so changes apply in the order they were made. */
    synchronized void onChange(@Observes KnowledgeIndexChanged change) {
        table = build(table.copy(), change.everything() ? allPorts() : change.ports().stream().mapToInt(Integer::intValue).toArray());
    }

    private Table build(Table next, int[] ports) {
        for (int port : ports) {
            for (Transport transport : TRANSPORTS) {
                next.keys()[transport.ordinal()][port] = null;
            }
            next.ports()[port] = null;
            if (!knowledge.isKnown(port)) {
                continue;
            }
            List<PortKnowledge> entries = knowledge.findByPort(port);
            ByteArrayOutputStream list = new ByteArrayOutputStream();
            list.write('[');
            for (PortKnowledge entry : entries) {
                byte[] json = json(entry);
                next.keys()[entry.transport().ordinal()][port] = new Answer(Buffer.buffer(json), quoted(Etags.of(entry)));
                if (list.size() > 1) {
                    list.write(',');
                }
                list.writeBytes(json);
            }
            list.write(']');
            next.ports()[port] = new Answer(Buffer.buffer(list.toByteArray()), quoted(Etags.of(entries)));
        }
        return next;
    }

    private byte[] json(Object answer) {
        try {
            return mapper.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a lookup answer: " + e.getOriginalMessage(), e);
        }
    }

    private static CharSequence quoted(String etag) {
        return AsciiString.cached('"' + etag + '"');
    }

    private static int[] allPorts() {
        int[] ports = new int[PORTS];
        for (int port = 0; port < PORTS; port++) {
            ports[port] = port;
        }
        return ports;
    }

    private static int firstPort(PortRange range) {
        int port = 0;
        while (PortRange.of(port) != range) {
            port++;
        }
        return port;
    }

    private static int lastPort(PortRange range) {
        int port = PortRange.MAX_PORT;
        while (PortRange.of(port) != range) {
            port--;
        }
        return port;
    }
}
