package io.tickwarden.feed.domain;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/** Builds ticker packets and frames byte by byte, as kite-wire.md describes them (test-side encoder). */
public final class Packets {

    private Packets() {}

    public static byte[] frame(List<byte[]> packets) {
        int size = 2 + packets.stream().mapToInt(p -> 2 + p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).putShort((short) packets.size());
        for (byte[] p : packets) {
            b.putShort((short) p.length).put(p);
        }
        return b.array();
    }

    public static byte[] ltp(int token, int ltp) {
        return ByteBuffer.allocate(8).putInt(token).putInt(ltp).array();
    }

    public static byte[] index(int token, int ltp, int high, int low, int open, int close, int change, Integer ts) {
        ByteBuffer b = ByteBuffer.allocate(ts == null ? 28 : 32)
                .putInt(token)
                .putInt(ltp)
                .putInt(high)
                .putInt(low)
                .putInt(open)
                .putInt(close)
                .putInt(change);
        if (ts != null) {
            b.putInt(ts);
        }
        return b.array();
    }

    public static byte[] quote(int token, int[] v) {
        ByteBuffer b = ByteBuffer.allocate(44).putInt(token);
        for (int i = 0; i < 10; i++) {
            b.putInt(v[i]);
        }
        return b.array();
    }

    /** v: 10 quote values, then ltt, oi, oiHigh, oiLow, ts; depth: 10 x (qty, price, orders). */
    public static byte[] full(int token, int[] v, int[][] depth) {
        ByteBuffer b = ByteBuffer.allocate(184).putInt(token);
        for (int i = 0; i < 15; i++) {
            b.putInt(v[i]);
        }
        for (int k = 0; k < 10; k++) {
            b.putInt(depth[k][0])
                    .putInt(depth[k][1])
                    .putShort((short) depth[k][2])
                    .putShort((short) 0);
        }
        return b.array();
    }

    /** The official mock full packet (INFY), per kite-wire.md. */
    public static byte[] officialMockFull() {
        int[] v = {
            157370, 7, 157037, 1192471, 256443, 363009, 156915, 157500, 156105, 156780, 1625461887, 0, 0, 0, 1625461887
        };
        int[][] depth = new int[10][3];
        depth[0] = new int[] {5, 157340, 1};
        depth[5] = new int[] {172, 157370, 3};
        return full(408065, v, depth);
    }

    /** A random but well-formed packet of a random kind for a token of the given segment. */
    public static byte[] random(Random r, int segment) {
        int token = (r.nextInt(1 << 20) << 8) | segment;
        int kind = r.nextInt(4);
        if (segment == 9) {
            return kind % 2 == 0
                    ? ltp(token, price(r))
                    : index(
                            token,
                            price(r),
                            price(r),
                            price(r),
                            price(r),
                            price(r),
                            r.nextInt(2000) - 1000,
                            kind == 3 ? 1_700_000_000 + r.nextInt(10_000_000) : null);
        }
        return switch (kind) {
            case 0 -> ltp(token, price(r));
            case 1 -> quote(token, values(r, 10));
            default -> {
                int[][] depth = new int[10][3];
                for (int[] d : depth) {
                    d[0] = r.nextInt(100_000);
                    d[1] = price(r);
                    d[2] = r.nextInt(1000);
                }
                int[] v = values(r, 15);
                v[10] = r.nextBoolean() ? 0 : 1_700_000_000 + r.nextInt(10_000_000);
                v[14] = 1_700_000_000 + r.nextInt(10_000_000);
                yield full(token, v, depth);
            }
        };
    }

    private static int price(Random r) {
        return 1 + r.nextInt(50_000_000);
    }

    private static int[] values(Random r, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(Integer.MAX_VALUE);
        }
        return v;
    }
}
