package io.portwatch.registry.lookup;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The JSON of an answer that differs from port to port only in the number after each {@code "port":}, split around
 * those numbers, so that any port's answer is written into one array without the mapper. Built from the mapper's own
 * output for the first port of a range and checked against its output for the last, so it cannot drift from it.
 */
final class PortTemplate {

    private static final byte[] PORT_FIELD = "\"port\":".getBytes(StandardCharsets.US_ASCII);

    /** The bytes between the port numbers: one more piece than numbers. */
    private final byte[][] pieces;
    private final int fixedLength;

    private PortTemplate(byte[][] pieces) {
        this.pieces = pieces;
        this.fixedLength = Arrays.stream(pieces).mapToInt(piece -> piece.length).sum();
    }

    /**
     * @param json  the mapper's JSON of the answer for a port
     * @param first the first port the template is for
     * @param last  the last port the template is for
     * @throws IllegalStateException when the answers differ in more than their port numbers
     */
    static PortTemplate of(IntFunction<byte[]> json, int first, int last) {
        PortTemplate template = split(json.apply(first), first);
        byte[] expected = json.apply(last);
        if (!Arrays.equals(template.render(last).getBytes(), expected)) {
            throw new IllegalStateException("the answers for ports " + first + " and " + last
                    + " differ in more than their port numbers; a template cannot write them");
        }
        return template;
    }

    /** The answer for {@code port}, in an array of its exact length (the response's only allocation). */
    Buffer render(int port) {
        int digits = digits(port);
        byte[] out = new byte[fixedLength + (pieces.length - 1) * digits];
        int at = 0;
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                writeDigits(out, at, digits, port);
                at += digits;
            }
            System.arraycopy(pieces[i], 0, out, at, pieces[i].length);
            at += pieces[i].length;
        }
        return Buffer.buffer(Unpooled.wrappedBuffer(out));
    }

    private static PortTemplate split(byte[] json, int port) {
        byte[] number = Integer.toString(port).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        for (int at = 0; at <= json.length - PORT_FIELD.length - number.length; at++) {
            int digitsAt = at + PORT_FIELD.length;
            if (Arrays.equals(json, at, digitsAt, PORT_FIELD, 0, PORT_FIELD.length)
                    && Arrays.equals(json, digitsAt, digitsAt + number.length, number, 0, number.length)) {
                pieces.add(Arrays.copyOfRange(json, start, digitsAt));
                start = digitsAt + number.length;
                at = start - 1;
            }
        }
        pieces.add(Arrays.copyOfRange(json, start, json.length));
        return new PortTemplate(pieces.toArray(byte[][]::new));
    }

    private static int digits(int port) {
        int digits = 1;
        for (int rest = port / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    private static void writeDigits(byte[] out, int at, int digits, int port) {
        int rest = port;
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }
}
