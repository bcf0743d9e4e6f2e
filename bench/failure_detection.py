#!/usr/bin/env python3
"""Failure detection on a local cluster: SIGKILL a silo, time until every survivor's GET /cluster shows it dead.

Driven by scripts/cluster.sh (start N / kill I / restart I) against real silo processes on loopback. Each round kills
one silo (rotating over them), polls every survivor's /cluster every 50 ms until all show the killed generation dead,
then restarts it and waits until it is active again. Prints one line per kill and a p50/p99/max summary.
"""
import json, math, os, subprocess, sys, time, urllib.request

kills = int(os.environ.get("KILLS", "20"))
silos = int(os.environ.get("SILOS", "3"))
offset = int(os.environ.get("PORT_OFFSET", "0"))
timeout_s = 120.0


def http(i):
    return f"http://127.0.0.1:{8080 + offset + i}/cluster"


def members(i):
    with urllib.request.urlopen(http(i), timeout=5) as r:
        return json.load(r)["silos"]


def cluster(*args):
    subprocess.run(["scripts/cluster.sh", *map(str, args)], check=True, stdout=subprocess.DEVNULL)


def generation_of(i):
    """The active generation whose gateway is silo i's, as silo i itself reports it."""
    port = f":{30000 + offset + i}"
    for m in members(i):
        if m["status"] == "active" and (m.get("gateway") or "").endswith(port):
            return m["address"], m["generation"]
    raise RuntimeError(f"silo {i} is not active in its own /cluster")


def dead_everywhere(survivors, address, generation):
    for s in survivors:
        row = next((m for m in members(s) if m["address"] == address and m["generation"] == generation), None)
        if row is None or row["status"] != "dead":
            return False
    return True


def percentile(sorted_values, p):
    return sorted_values[max(0, math.ceil(p * len(sorted_values)) - 1)]


def main():
    times = []
    for k in range(kills):
        victim = 1 + k % (silos - 1) if silos > 1 else 0
        survivors = [i for i in range(silos) if i != victim]
        address, generation = generation_of(victim)
        cluster("kill", victim)
        killed = time.monotonic()
        while not dead_everywhere(survivors, address, generation):
            if time.monotonic() - killed > timeout_s:
                sys.exit(f"silo {victim} ({address}) was not dead in every survivor's /cluster within {timeout_s:.0f} s")
            time.sleep(0.05)
        seconds = time.monotonic() - killed
        times.append(seconds)
        print(f"kill {k + 1:2}: silo {victim} dead in every survivor's view after {seconds:.2f} s", flush=True)
        cluster("restart", victim)
    times.sort()
    print(f"| Kills | p50 (s) | p99 (s) | min (s) | max (s) |")
    print(f"|---:|---:|---:|---:|---:|")
    print(f"| {len(times)} | {percentile(times, 0.5):.2f} | {percentile(times, 0.99):.2f} | {times[0]:.2f} | {times[-1]:.2f} |")


if __name__ == "__main__":
    main()
