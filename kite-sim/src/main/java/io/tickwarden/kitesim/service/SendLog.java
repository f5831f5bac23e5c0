package io.tickwarden.kitesim.service;

import io.tickwarden.kitesim.config.SimConfig;
import io.tickwarden.sim.QuoteSnapshot;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * For the benchmark: when {@code kite-sim.send-log} names a file, every tick frame the ticker writes appends one
 * 16-byte record per packet: instrument token (int32), volume (int32) and {@code System.nanoTime()} at the write
 * (int64), big-endian. Volume rises on every market step, so (token, volume) names one tick end to end, and
 * processes on one Linux host share the monotonic clock, so a client can compute send-to-receipt latency.
 * Off by default; costs nothing then.
 */
@Singleton
public class SendLog {

    public static final int RECORD_BYTES = 16;
    private static final Logger LOG = Logger.getLogger(SendLog.class);

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);

    @Inject
    SendLog(SimConfig config) {
        this(config.sendLog().map(Path::of));
    }

    SendLog(Optional<Path> file) {
        FileChannel opened = null;
        if (file.isPresent()) {
            Path path = file.get();
            try {
                opened = FileChannel.open(
                        path,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                LOG.infof("recording tick send times to %s", path);
            } catch (IOException e) {
                LOG.errorf("cannot open the send log %s (%s); send times are not recorded", path, e);
            }
        }
        this.channel = opened;
    }

    public boolean enabled() {
        return channel != null;
    }

    public synchronized void record(List<QuoteSnapshot> snapshots, long nanos) {
        if (channel == null) {
            return;
        }
        for (QuoteSnapshot s : snapshots) {
            if (buffer.remaining() < RECORD_BYTES) {
                flush();
            }
            buffer.putInt((int) s.token()).putInt((int) s.volume()).putLong(nanos);
        }
    }

    public synchronized void flush() {
        if (channel == null || buffer.position() == 0) {
            return;
        }
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            LOG.warnf("send log write failed: %s", e.toString());
        }
        buffer.clear();
    }

    @PreDestroy
    synchronized void close() {
        flush();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debugf("closing the send log: %s", e);
            }
        }
    }
}
