package io.portwatch.events.fleet;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordSignatureTest {

    private static final byte[] KEY_A = key(1);
    private static final byte[] KEY_B = key(2);
    private static final byte[] VALUE = "{\"host\":{\"id\":\"node-a\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSignatureOfTheSameRecordVerifies() {
        String signature = new RecordSignature(KEY_A).sign("portwatch.listeners", "node-a", VALUE);

        assertThat(signature).startsWith("hmac-sha256=");
        assertThat(new RecordSignature(KEY_A).verify("portwatch.listeners", "node-a", VALUE, signature)).isTrue();
    }

    @Test
    void anotherKeyTopicRecordKeyOrValueDoesNotVerify() {
        String signature = new RecordSignature(KEY_A).sign("portwatch.listeners", "node-a", VALUE);
        byte[] changed = VALUE.clone();
        changed[changed.length - 2] ^= 1;

        assertThat(new RecordSignature(KEY_B).verify("portwatch.listeners", "node-a", VALUE, signature)).isFalse();
        assertThat(new RecordSignature(KEY_A).verify("portwatch.probe-heartbeats", "node-a", VALUE, signature)).isFalse();
        assertThat(new RecordSignature(KEY_A).verify("portwatch.listeners", "node-b", VALUE, signature)).isFalse();
        assertThat(new RecordSignature(KEY_A).verify("portwatch.listeners", "node-a", changed, signature)).isFalse();
    }

    @Test
    void theLengthPrefixesKeepKeyAndValueApart() {
        RecordSignature signer = new RecordSignature(KEY_A);
        String signature = signer.sign("t", "ab", "c".getBytes(StandardCharsets.UTF_8));

        assertThat(signer.verify("t", "a", "bc".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    }

    @Test
    void malformedSignaturesDoNotVerify() {
        RecordSignature checker = new RecordSignature(KEY_A);
        for (String signature : new String[] {null, "", "hmac-sha256=", "hmac-sha256=!!!", "ed25519=AAAA", "hmac-sha256=" + "A".repeat(200)}) {
            assertThat(checker.verify("t", "k", VALUE, signature)).as(String.valueOf(signature)).isFalse();
        }
    }

    @Test
    void aProbeKeyIs32Bytes() {
        assertThatThrownBy(() -> new RecordSignature(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordSignature(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[RecordSignature.KEY_BYTES];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
