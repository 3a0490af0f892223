import io.portwatch.alert.memo.SnapshotFingerprints;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;

/**
 * ROUNDS rounds of HOSTS SNAPSHOTs (the fleet mix's, four listeners, as bench/src/ListenerEventGenerator.java writes
 * them) read by one {@link SnapshotFingerprints}: first each host's SNAPSHOT, new to it (scanned by Jackson's
 * tokeniser), then the same SNAPSHOTs again with a new eventId and observedAt (repeats, recognised by their
 * bytes), and a bare SHA-256 of each (what recognising a repeat by its digest paid before: bench/RESULTS.md,
 * alert-fingerprint-bytes-29). Prints ns per record for each and the ratio scan/repeat.
 * One thread; the first rounds are the JIT's warm-up and are left out of the medians.
 */
public class FingerprintBench {

    private static final int WARM_UP = 2;

    public static void main(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        double[][] figures = new double[rounds][];
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            String[] hostIds = new String[hosts];
            byte[][] first = new byte[hosts][];
            byte[][] again = new byte[hosts][];
            for (int host = 0; host < hosts; host++) {
                hostIds[host] = "bench-node/round-" + round + "-host-" + host;
                first[host] = snapshot(hostIds[host]);
                again[host] = snapshot(hostIds[host]);
            }
            long start = System.nanoTime();
            for (int host = 0; host < hosts; host++) {
                sink += fingerprints.read(hostIds[host], ByteBuffer.wrap(first[host])).orElseThrow().observedAt().getNano();
            }
            long scanned = System.nanoTime();
            for (int host = 0; host < hosts; host++) {
                sink += fingerprints.read(hostIds[host], ByteBuffer.wrap(again[host])).orElseThrow().observedAt().getNano();
            }
            long repeated = System.nanoTime();
            for (byte[] json : again) {
                sha256.reset();
                sink += sha256.digest(json)[0];
            }
            long digested = System.nanoTime();
            figures[round] = new double[] {(scanned - start) / (double) hosts, (repeated - scanned) / (double) hosts,
                    (digested - repeated) / (double) hosts};
            System.out.printf("round %d: scan %.0f ns, repeat %.0f ns, SHA-256 alone %.0f ns per record%n", round + 1,
                    figures[round][0], figures[round][1], figures[round][2]);
        }
        double scan = median(figures, 0);
        double repeat = median(figures, 1);
        System.out.printf("record bytes: %d (checksum %d)%n", snapshot("bench-node/host-0").length, sink & 1);
        System.out.printf("scan ns per record: %.0f%nrepeat ns per record: %.0f%nSHA-256 ns per record: %.0f%nscan/repeat: %.2fx%n",
                scan, repeat, median(figures, 2), scan / repeat);
    }

    private static double median(double[][] figures, int column) {
        double[] values = new double[figures.length - WARM_UP];
        for (int round = WARM_UP; round < figures.length; round++) {
            values[round - WARM_UP] = figures[round][column];
        }
        java.util.Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static byte[] snapshot(String host) {
        String listeners = listener(3031, "tcp") + "," + listener(548, "tcp") + "," + listener(3283, "udp") + "," + listener(22, "tcp");
        return ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"SNAPSHOT\",\"observedAt\":\"" + Instant.now()
                + "\",\"probe\":{\"id\":\"bench-probe\",\"zone\":\"bench\",\"mode\":\"HOST\"},\"host\":{\"id\":\"" + host
                + "\",\"name\":\"" + host + "\",\"addresses\":[],\"node\":\"bench-node\"},\"listeners\":[" + listeners + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String listener(int port, String transport) {
        return "{\"transport\":\"" + transport + "\",\"address\":\"0.0.0.0\",\"port\":" + port
                + ",\"ipVersion\":4,\"exposure\":\"ALL_INTERFACES\",\"process\":null,\"evidence\":null}";
    }
}
