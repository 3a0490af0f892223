package io.portwatch.events.fleet;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
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
        assertThat(new RecordSignature(KEY_A).verify("portwatch.listeners", "node-a", ByteBuffer.wrap(VALUE), signature)).isTrue();
    }

    @Test
    void anotherKeyTopicRecordKeyOrValueDoesNotVerify() {
        String signature = new RecordSignature(KEY_A).sign("portwatch.listeners", "node-a", VALUE);
        byte[] changed = VALUE.clone();
        changed[changed.length - 2] ^= 1;

        assertThat(new RecordSignature(KEY_B).verify("portwatch.listeners", "node-a", ByteBuffer.wrap(VALUE), signature)).isFalse();
        assertThat(new RecordSignature(KEY_A).verify("portwatch.probe-heartbeats", "node-a", ByteBuffer.wrap(VALUE), signature)).isFalse();
        assertThat(new RecordSignature(KEY_A).verify("portwatch.listeners", "node-b", ByteBuffer.wrap(VALUE), signature)).isFalse();
        assertThat(new RecordSignature(KEY_A).verify("portwatch.listeners", "node-a", ByteBuffer.wrap(changed), signature)).isFalse();
    }

    @Test
    void aValueInsideALargerBufferVerifiesAndTheBufferIsLeftAsItWas() {
        String signature = new RecordSignature(KEY_A).sign("portwatch.listeners", "node-a", VALUE);
        byte[] record = new byte[VALUE.length + 7];
        System.arraycopy(VALUE, 0, record, 5, VALUE.length);
        ByteBuffer value = ByteBuffer.wrap(record, 5, VALUE.length).slice();

        assertThat(new RecordSignature(KEY_A).verify("portwatch.listeners", "node-a", value, signature)).isTrue();
        assertThat(value.position()).isZero();
        assertThat(value.remaining()).isEqualTo(VALUE.length);
        assertThat(new RecordSignature(KEY_A).verify("portwatch.listeners", "node-a", ByteBuffer.wrap(record), signature)).isFalse();
    }

    @Test
    void theLengthPrefixesKeepKeyAndValueApart() {
        RecordSignature signer = new RecordSignature(KEY_A);
        String signature = signer.sign("t", "ab", "c".getBytes(StandardCharsets.UTF_8));

        assertThat(signer.verify("t", "a", ByteBuffer.wrap("bc".getBytes(StandardCharsets.UTF_8)), signature)).isFalse();
    }

    @Test
    void malformedSignaturesDoNotVerify() {
        RecordSignature checker = new RecordSignature(KEY_A);
        for (String signature : new String[] {null, "", "hmac-sha256=", "hmac-sha256=!!!", "ed25519=AAAA", "hmac-sha256=" + "A".repeat(200)}) {
            assertThat(checker.verify("t", "k", ByteBuffer.wrap(VALUE), signature)).as(String.valueOf(signature)).isFalse();
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
