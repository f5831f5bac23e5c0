package io.tickwarden.bench.pubsub;

import java.util.ArrayList;
import java.util.List;

/**
 * Which side limits a measured point. Redis runs commands and fans out on one thread, so it is the bottleneck once
 * it uses most of one core on average, or when it peaks there and the publisher, with CPU to spare, could not write
 * (TCP back-pressure from a Redis that stopped reading); the bench's publisher and subscribers share the machine's cores with it, so when they
 * fall behind (fewer ticks published than asked, fewer delivered than published, or the bench using most of what
 * Redis leaves of the machine) the point measures the load generator, not Redis, and must not enter the model.
 */
public final class Saturation {

    /** Redis' share of one core above which we call it saturated: latency climbs steeply past this. */
    public static final double REDIS_CORE_LIMIT = 90.0;

    /** The bench may use this share of the CPU Redis leaves before it counts as the bottleneck. */
    public static final double BENCH_SHARE_LIMIT = 0.8;

    /** Published or delivered ticks below this share of what was asked mean someone fell behind. */
    public static final double KEPT_UP = 0.95;

    public enum Verdict {
        /** Neither side limits: the point measures Redis at that load. */
        OK,
        /** Redis uses (nearly) a whole core. */
        REDIS_BOUND,
        /** The bench's publisher or subscribers are the bottleneck. */
        CLIENT_BOUND
    }

    /** The verdict and, unless OK, the reasons in words for the report. */
    public record Result(Verdict verdict, List<String> reasons) {}

    /** What one point measured; CPU in % of one core (200 % = two cores). */
    public record Inputs(
            int cores,
            double redisCpu,
            double redisCpuMax,
            double benchCpu,
            double targetTicksPerSecond,
            double publishedTicksPerSecond,
            double deliveredRatio,
            int disconnects) {}

    private Saturation() {}

    public static Result judge(Inputs p) {
        if (p.redisCpu() >= REDIS_CORE_LIMIT) {
            return new Result(
                    Verdict.REDIS_BOUND, List.of(String.format("Redis at %.0f %% of one core", p.redisCpu())));
        }
        double left = p.cores() * 100.0 - p.redisCpu();
        boolean benchBusy = p.benchCpu() >= BENCH_SHARE_LIMIT * left;
        boolean publisherBehind = p.publishedTicksPerSecond() < KEPT_UP * p.targetTicksPerSecond();
        // A publisher that had CPU to spare but could not write: Redis, busy at its peaks, stopped reading it.
        if (publisherBehind && !benchBusy && p.redisCpuMax() >= REDIS_CORE_LIMIT) {
            return new Result(
                    Verdict.REDIS_BOUND,
                    List.of(String.format(
                            "publisher held back at %.0f of %.0f ticks/s while Redis peaked at %.0f %% of one core",
                            p.publishedTicksPerSecond(), p.targetTicksPerSecond(), p.redisCpuMax())));
        }
        List<String> reasons = new ArrayList<>();
        if (benchBusy) {
            reasons.add(String.format("bench at %.0f %% of the %.0f %% CPU Redis leaves", p.benchCpu(), left));
        }
        if (publisherBehind) {
            reasons.add(String.format(
                    "publisher reached %.0f of %.0f ticks/s", p.publishedTicksPerSecond(), p.targetTicksPerSecond()));
        }
        if (p.deliveredRatio() < KEPT_UP) {
            reasons.add(String.format("subscribers got %.1f %% of the published ticks", p.deliveredRatio() * 100));
        }
        if (p.disconnects() > 0) {
            reasons.add(p.disconnects() + " subscriber(s) disconnected (output buffer limit?)");
        }
        return reasons.isEmpty()
                ? new Result(Verdict.OK, List.of())
                : new Result(Verdict.CLIENT_BOUND, List.copyOf(reasons));
    }
}
