package io.portwatch.registry.iana;

import io.portwatch.registry.ReadyRegistry;
import io.portwatch.registry.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

/** POST /api/v1/admin/iana-import against the real database: idempotence, a newer file, refusals. */
@QuarkusTest
class IanaImportTest {

    private static final String IMPORT = "/api/v1/admin/iana-import";

    @BeforeEach
    void registryIsReady() {
        ReadyRegistry.await60s();
    }

    @AfterEach
    void restoreTheBundledRegistry() {
        given().auth().oauth2(Tokens.admin()).post(IMPORT).then().statusCode(200);
    }

    @Test
    void reimportingTheSameFileChangesNothing() {
        given().auth().oauth2(Tokens.admin()).post(IMPORT).then()
                .statusCode(200)
                .body("rowsRead", equalTo(14_447))
                .body("inserted", equalTo(0))
                .body("updated", equalTo(0))
                .body("withdrawn", equalTo(0))
                .body("unchanged", greaterThan(12_000));
    }

    @Test
    void newerFileUpdatesIanasLayerAndKeepsCuratedKnowledge() {
        String newer = bundled()
                .replace("Apple Remote Desktop (Net Assistant),3283,udp,Net Assistant,",
                        "Apple Remote Desktop (Net Assistant),3283,udp,Net Assistant (renamed),")
                .replace("discard,9,sctp,Discard,", "discard-gone,9,sctp,,")
                + "portwatch-test,29600,tcp,Registered after the snapshot,,,,,,,,\n";

        given().auth().oauth2(Tokens.admin()).contentType("text/csv; charset=UTF-8").body(newer).post(IMPORT).then()
                .statusCode(200)
                .body("inserted", equalTo(1))
                .body("updated", equalTo(2))
                .body("withdrawn", equalTo(0));

        get("/api/v1/ports/29600/tcp").then().body("serviceName", equalTo("portwatch-test")).body("status", equalTo("ACTIVE"));
        get("/api/v1/ports/3283/udp").then()
                .body("serviceName", equalTo("net-assistant"))
                .body("risk", equalTo("CRITICAL"))
                .body("amplificationFactor", equalTo(35.5f));
        get("/api/v1/knowledge/udp/3283/history").then()
                .body("source", hasItem("iana-import"))
                .body("source", hasItem("curated-file"));
    }

    @Test
    void portMissingFromANewerFileIsWithdrawn() {
        String newer = bundled().replace("\ndiscard,9,sctp,Discard,", "\ndiscard,9,dccp,Discard,");

        given().auth().oauth2(Tokens.admin()).contentType("text/csv; charset=UTF-8").body(newer).post(IMPORT).then()
                .statusCode(200)
                .body("withdrawn", equalTo(1));

        get("/api/v1/ports/9/sctp").then().body("status", equalTo("UNASSIGNED")).body("version", greaterThan(1));
        get("/api/v1/knowledge/sctp/9/history").then()
                .body("[-1].before.serviceName", equalTo("discard"))
                .body("[-1].after.status", equalTo("UNASSIGNED"));
    }

    @Test
    void fileThatIsNotIanasIsRefusedAndImportsNothing() {
        given().auth().oauth2(Tokens.admin()).contentType("text/csv; charset=UTF-8").body("name,port\nssh,22\n").post(IMPORT).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("nothing was imported"));

        get("/api/v1/ports/22/tcp").then().body("serviceName", equalTo("ssh"));
    }

    @Test
    void fileWithAByteOrderMarkImports() {
        given().auth().oauth2(Tokens.admin()).contentType("text/csv; charset=UTF-8").body("\uFEFF" + bundled()).post(IMPORT).then()
                .statusCode(200)
                .body("rowsRead", equalTo(14_447))
                .body("inserted", equalTo(0))
                .body("updated", equalTo(0));
    }

    @Test
    void overLongFieldIsRefusedNamingItsRecordAndImportsNothing() {
        String newer = bundled().replace("\nssh,22,tcp,The Secure Shell (SSH) Protocol,", "\nssh,22,tcp," + "x".repeat(4_001) + ",")
                + "portwatch-test,29600,tcp,Registered after the snapshot,,,,,,,,\n";

        refused(newer, "record 49: Description is 4001 characters long, more than 4000");
    }

    @Test
    void hugeRangeIsRefusedAndImportsNothing() {
        refused(bundled() + "portwatch-test,29600,tcp,Registered after the snapshot,,,,,,,,\nhuge,1-65535,,Every port,,,,,,,,\n",
                "record 14449: port range '1-65535' holds 65535 ports, more than 1000");
    }

    @Test
    void moreRowsThanTheLimitAreRefusedAndImportNothing() {
        String newer = bundled() + "portwatch-test,29600,tcp,Registered after the snapshot,,,,,,,,\n"
                + "filler,29601,tcp,Filler,,,,,,,,\n".repeat(100_000 - 14_447);

        refused(newer, "record 100001: the file holds more than 100000 records");
    }

    @Test
    void importNeedsTheAdminRole() {
        given().post(IMPORT).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.withRole("bob", "analyst")).post(IMPORT).then().statusCode(403);
    }

    /** Posts the file, expects a 400 Problem naming what broke, and that 29600/tcp (new in the file) was not imported. */
    private static void refused(String csv, String detail) {
        given().auth().oauth2(Tokens.admin()).contentType("text/csv; charset=UTF-8").body(csv).post(IMPORT).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(detail))
                .body("detail", containsString("nothing was imported"));

        get("/api/v1/ports/29600/tcp").then().body("status", equalTo("UNASSIGNED"));
    }

    private static String bundled() {
        try (InputStream csv = IanaImportTest.class.getClassLoader().getResourceAsStream(IanaImporter.BUNDLED)) {
            return new String(csv.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
