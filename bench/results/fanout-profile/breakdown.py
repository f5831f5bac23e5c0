#!/usr/bin/env python3
"""Classifies JFR execution samples of the gateway into the parts of the fan-out hop.
usage: breakdown.py <jfr print --events jdk.ExecutionSample output> <seconds recorded> <bursts per second>"""
import re, sys, collections
text = open(sys.argv[1]).read()
seconds = float(sys.argv[2]); bursts = seconds * float(sys.argv[3])
events = text.split("jdk.ExecutionSample {")[1:]
# first matching rule wins; rules look at the whole stack (innermost first)
RULES = [
    ("parse feed.ticks (Jackson -> FeedTickBatch, TickFrame)", ["TickFormat.parse"]),
    ("render tick JSON per mode (tree + write)", ["TickFormat.render", "TickFormat.lambda$frame", "TickFrame.json", "TickFrame.utf8"]),
    ("assemble per-client message (TickBatch)", ["TickBatch.take", "TickBatch.many", "TickBatch.single"]),
    ("hand to socket on fan-out thread (encode String->UTF-8, frame, enqueue)", ["Outbox.flush", "Utf8TextFrames.write"]),
    ("route/offer (index walk, Outbox.offerTick, coalescing)", ["FanOut.offer", "Outbox.offerTick", "FanOut.accept", "FanOut.onMessage"]),
]
parts = collections.Counter(); threads = collections.Counter(); total = 0
for e in events:
    m = re.search(r'sampledThread = "([^"]*)"', e)
    thread = m.group(1) if m else "?"
    tkind = re.sub(r'[-#]?\d+$', '', thread)
    threads[tkind] += 1
    total += 1
    stack = e[e.find("stackTrace = ["):]
    part = None
    for name, keys in RULES:
        if any(k in stack for k in keys):
            part = name; break
    if part is None:
        if "eventloop" in thread:
            if re.search(r'(io\.netty\.(channel|handler\.codec|buffer)|sun\.nio\.ch|WebSocket|writeToChannel|flush0|doWrite)', stack):
                part = "socket writes / frame encoding on event loops (Netty, Vert.x)"
            else:
                part = "other event-loop work (reads, timers, HTTP)"
        elif "redis" in stack.lower() or "lettuce" in stack.lower():
            part = "Redis client I/O and subscriber plumbing"
        else:
            part = "other (" + tkind + ")"
    parts[part] += 1
print(f"samples: {total} over {seconds:.0f} s ({bursts:.0f} bursts); JFR 'profile' samples Java threads every ~10 ms (approximate CPU time)")
print()
print("| part | samples | share | ~CPU ms per burst |")
print("|---|---|---|---|")
for p, n in parts.most_common():
    print(f"| {p} | {n} | {100*n/total:.1f} % | {n*10/bursts:.1f} |")
print()
print("| thread | samples | share |")
print("|---|---|---|")
for t, n in threads.most_common(15):
    print(f"| {t} | {n} | {100*n/total:.1f} % |")
