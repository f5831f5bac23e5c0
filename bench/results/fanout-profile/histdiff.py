#!/usr/bin/env python3
"""Per-class live-heap delta between two jcmd GC.class_histogram outputs, divided by the connection count."""
import re, sys
def load(p):
    d = {}
    for line in open(p):
        m = re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line)
        if m:
            d[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return d
a, b, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
rows = []
for k in set(a) | set(b):
    ia, ba = a.get(k, (0, 0)); ib, bb = b.get(k, (0, 0))
    rows.append((bb - ba, ib - ia, k))
rows.sort(reverse=True)
total = sum(r[0] for r in rows)
def owner(k):
    if 'tickwarden' in k: return 'ours'
    if 'websockets.next' in k or 'quarkus' in k or 'arc' in k: return 'quarkus/websockets-next'
    if 'vertx' in k: return 'vert.x'
    if 'netty' in k: return 'netty'
    return 'jdk (held by the above)'
print(f"live heap delta: {total/1024:.0f} KB for {n} connections = {total/n/1024:.2f} KB per connection\n")
print("| class | instances per connection | bytes per connection | owner |")
print("|---|---|---|---|")
for bytes_, inst, k in rows[:40]:
    if bytes_ / n < 8: break
    print(f"| `{k}` | {inst/n:.2f} | {bytes_/n:.0f} | {owner(k)} |")
by = {}
for bytes_, inst, k in rows:
    by[owner(k)] = by.get(owner(k), 0) + bytes_
print("\n| owner (by class package) | bytes per connection |\n|---|---|")
for o, v in sorted(by.items(), key=lambda x: -x[1]):
    print(f"| {o} | {v/n:.0f} |")
