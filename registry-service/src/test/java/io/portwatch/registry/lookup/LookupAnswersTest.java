package io.portwatch.registry.lookup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.ReadyRegistry;
import io.portwatch.registry.knowledge.Curation;
import io.portwatch.registry.knowledge.KnowledgeChange;
import io.portwatch.registry.knowledge.KnowledgeIndex;
import io.portwatch.registry.knowledge.KnowledgeRecord;
import io.portwatch.registry.knowledge.KnowledgeService;
import io.portwatch.registry.knowledge.KnowledgeStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The pre-serialized lookup answers against the optimisation turned off: for every port and transport they are the
 * bytes Quarkus' mapper makes of what KnowledgeService answers, they follow every change of the index, and the
 * event-loop route answers the same bytes and headers as Quarkus REST (reached by a non-canonical spelling).
 */
@QuarkusTest
class LookupAnswersTest {

    @Inject
    LookupAnswers answers;
    @Inject
    KnowledgeService knowledge;
    @Inject
    KnowledgeIndex index;
    @Inject
    KnowledgeStore store;
    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void registryIsReady() {
        ReadyRegistry.await60s();
    }

    @Test
    void everyAnswerIsTheMappersJsonOfWhatTheServiceAnswers() throws Exception {
        Set<ServiceStatus> statuses = EnumSet.noneOf(ServiceStatus.class);
        Set<PortRange> unassignedRanges = EnumSet.noneOf(PortRange.class);
        boolean curated = false;
        for (int port = PortRange.MIN_PORT; port <= PortRange.MAX_PORT; port++) {
            List<PortKnowledge> entries = knowledge.findByPort(port);
            assertAnswer(answers.byPort(port), mapper.writeValueAsBytes(entries), Etags.of(entries), "port " + port);
            for (Transport transport : Transport.values()) {
                PortKnowledge entry = knowledge.find(new PortKey(transport, port));
                assertAnswer(answers.byKey(transport, port), mapper.writeValueAsBytes(entry), Etags.of(entry), transport.wireName() + "/" + port);
                statuses.add(entry.status());
                curated |= entry.risk() != Risk.NONE;
                if (entry.status() == ServiceStatus.UNASSIGNED) {
                    unassignedRanges.add(entry.range());
                }
            }
        }
        assertThat(statuses).as("every kind of entry was compared").containsAll(
                EnumSet.of(ServiceStatus.ACTIVE, ServiceStatus.UNASSIGNED, ServiceStatus.RESERVED, ServiceStatus.DEPRECATED));
        assertThat(unassignedRanges).containsExactlyInAnyOrder(PortRange.values());
        assertThat(curated).as("curated entries were compared").isTrue();
    }

    @Test
    void aCuratedChangeIsServedWithItsNewBytesAndETag() throws Exception {
        PortKey key = new PortKey(Transport.UDP, 47_998);
        Response before = get("/api/v1/ports/47998/udp");
        String listTagBefore = get("/api/v1/ports/47998").header("ETag");
        assertThat(before.header("ETag")).isEqualTo("\"0\"");

        PortKnowledge updated = knowledge.update(key, curation("Close 47998"), 0, "lookup-test");

        Response after = get("/api/v1/ports/47998/udp");
        assertThat(after.header("ETag")).isEqualTo("\"" + updated.version() + "\"").isNotEqualTo(before.header("ETag"));
        assertThat(after.asByteArray()).isEqualTo(mapper.writeValueAsBytes(knowledge.find(key)));
        assertThat(after.asString()).contains("Close 47998");
        Response list = get("/api/v1/ports/47998");
        assertThat(list.header("ETag")).isEqualTo("\"udp." + updated.version() + "\"").isNotEqualTo(listTagBefore);
        assertThat(list.asByteArray()).isEqualTo(mapper.writeValueAsBytes(List.of(knowledge.find(key))));
    }

    @Test
    void aReloadOfTheWholeIndexIsServed() throws Exception {
        PortKey key = new PortKey(Transport.TCP, 179);
        KnowledgeRecord stored = QuarkusTransaction.requiringNew().call(() -> store.load(List.of(key))).get(0);
        KnowledgeRecord changed = stored.next(stored.iana(), curation("Written by another replica"), KnowledgeRecord.now());
        QuarkusTransaction.requiringNew().run(() -> store.write(List.of(new KnowledgeChange(stored, changed)), "lookup-test", "test"));

        index.replaceAll(QuarkusTransaction.requiringNew().call(store::loadAll));

        Response after = get("/api/v1/ports/179/tcp");
        assertThat(after.header("ETag")).isEqualTo("\"" + changed.version() + "\"");
        assertThat(after.asString()).contains("Written by another replica");
        assertThat(after.asByteArray()).isEqualTo(mapper.writeValueAsBytes(changed.knowledge()));
    }

    @Test
    void ifNoneMatchWithTheETagAnswers304WithoutABody() {
        for (String path : List.of("/api/v1/ports/3283/udp", "/api/v1/ports/3283", "/api/v1/ports/49999/tcp", "/api/v1/ports/49999",
                "/api/v1/ports/3283/UDP", "/api/v1/ports/03283")) {
            String etag = get(path).then().statusCode(200).extract().header("ETag");
            given().header("If-None-Match", etag).get(path).then()
                    .statusCode(304).header("ETag", etag).body(emptyString());
            given().header("If-None-Match", "\"other\", W/" + etag).get(path).then().statusCode(304);
            given().header("If-None-Match", "*").get(path).then().statusCode(304);
            given().header("If-None-Match", "\"other\"").get(path).then()
                    .statusCode(200).header("ETag", etag);
        }
    }

    @Test
    void theRouteAndQuarkusRestAnswerTheSameBytesAndHeaders() {
        List<List<String>> fastAndRest = List.of(
                List.of("/api/v1/ports/3283/udp", "/api/v1/ports/3283/UDP"),
                List.of("/api/v1/ports/22/tcp", "/api/v1/ports/022/tcp"),
                List.of("/api/v1/ports/0/udp", "/api/v1/ports/0/Udp"),
                List.of("/api/v1/ports/3868/sctp", "/api/v1/ports/3868/SCTP"),
                List.of("/api/v1/ports/22/dccp", "/api/v1/ports/22/DCCP"),
                List.of("/api/v1/ports/49999/tcp", "/api/v1/ports/49999/tcP"),
                List.of("/api/v1/ports/311", "/api/v1/ports/0311"),
                List.of("/api/v1/ports/29500", "/api/v1/ports/029500"),
                List.of("/api/v1/ports/65535", "/api/v1/ports/065535"));
        for (List<String> pair : fastAndRest) {
            Response fast = get(pair.get(0));
            Response rest = get(pair.get(1));
            assertThat(fast.statusCode()).as(pair.get(0)).isEqualTo(200);
            assertThat(rest.statusCode()).as(pair.get(1)).isEqualTo(200);
            assertThat(fast.asByteArray()).as(pair.toString()).isEqualTo(rest.asByteArray());
            assertThat(fast.header("ETag")).as(pair.toString()).isEqualTo(rest.header("ETag"));
            assertThat(fast.header("Content-Type")).as(pair.toString()).isEqualTo(rest.header("Content-Type"));
        }
    }

    @Test
    void hostilePathsFallThroughToProblems() {
        for (String port : List.of("%00", "22.0", "0x16", "65536", "999999", "%E2%80%8B22")) {
            get("/api/v1/ports/" + port + "/tcp").then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400));
            get("/api/v1/ports/" + port).then().statusCode(400).contentType("application/problem+json");
        }
        for (String transport : List.of("tcpx", "%00", "t%63p%01x")) {
            get("/api/v1/ports/22/" + transport).then().statusCode(400).contentType("application/problem+json");
        }
    }

    private static void assertAnswer(LookupAnswers.Answer answer, byte[] json, String etag, String what) {
        assertThat(answer.body().getBytes()).as(what).isEqualTo(json);
        assertThat(answer.etag().toString()).as(what).isEqualTo("\"" + etag + "\"");
    }

    private static Curation curation(String remediation) {
        return new Curation(null, List.of(), null, ServiceStatus.LEGACY, Risk.HIGH, List.of("a threat"),
                List.of(), List.of(), List.of(), null, false, remediation, List.of("https://example.org/lookup"));
    }
}
