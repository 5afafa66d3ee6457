"""numpy peer for bench/data: decodes the same files the C# readers do, the way Tonic / SpikingJelly / expelliarmus'
Python fallbacks do it (vectorised numpy), and integrates frames like SpikingJelly (bincount) and Tonic (np.add.at).
Prints one JSON object: {"decode": {name: MB/s}, "integrate": {name: events/s}}."""
import json, sys, time
import numpy as np


def timed(fn, min_seconds=1.0, min_reps=3):
    fn()
    reps, start = 0, time.perf_counter()
    while True:
        fn(); reps += 1
        elapsed = time.perf_counter() - start
        if reps >= min_reps and elapsed >= min_seconds:
            return elapsed / reps


def atis(raw):  # Tonic read_mnist_file
    a = np.frombuffer(raw, dtype=np.uint8).astype(np.uint32).reshape(-1, 5)
    x = a[:, 0]; y = a[:, 1]; p = (a[:, 2] & 128) >> 7
    t = ((a[:, 2] & 127) << 16) | (a[:, 3] << 8) | a[:, 4]
    return x, y, t.astype(np.int64), p


def aedat2(raw):  # SpikingJelly CIFAR10-DVS load_origin_data (header skip + big-endian records)
    pos = 0
    while raw[pos:pos + 1] == b"#":
        pos = raw.index(b"\n", pos) + 1
    body = np.frombuffer(raw, dtype=">u4", offset=pos, count=(len(raw) - pos) // 8 * 2).reshape(-1, 2)
    addr, t = body[:, 0], body[:, 1].astype(np.int64)
    x = 127 - ((addr >> 8) & 0x7F); y = 127 - ((addr >> 1) & 0x7F); p = 1 - (addr & 1)
    return x, y, t, p


def dat(raw):  # Prophesee DAT, vectorised
    pos = 0
    while raw[pos:pos + 1] == b"%":
        pos = raw.index(b"\n", pos) + 1
    body = np.frombuffer(raw, dtype="<u4", offset=pos + 2, count=(len(raw) - pos - 2) // 8 * 2).reshape(-1, 2)
    t, w = body[:, 0].astype(np.int64), body[:, 1]
    return w & 0x3FFF, (w >> 14) & 0x3FFF, t, w >> 28


def evt2(raw):  # Prophesee EVT 2.0, vectorised with a forward fill of TIME_HIGH
    pos = 0
    while raw[pos:pos + 1] == b"%":
        pos = raw.index(b"\n", pos) + 1
    w = np.frombuffer(raw, dtype="<u4", offset=pos, count=(len(raw) - pos) // 4)
    kind = w >> 28
    high_idx = np.where(kind == 8, np.arange(len(w)), 0)
    np.maximum.accumulate(high_idx, out=high_idx)
    high = np.where(kind[high_idx] == 8, w[high_idx] & 0x0FFFFFFF, 0).astype(np.int64)
    cd = kind <= 1
    t = (high[cd] << 6) | ((w[cd] >> 22) & 0x3F)
    return (w[cd] >> 11) & 0x7FF, w[cd] & 0x7FF, t, kind[cd]


def sj_number(x, y, t, p, T, H, W):  # SpikingJelly integrate_events_by_fixed_frames_number(split_by='number')
    frames = np.zeros([T, 2, H * W])
    n = t.size; di = n // T
    for i in range(T):
        l, r = i * di, (n if i == T - 1 else (i + 1) * di)
        pos = y[l:r].astype(np.int64) * W + x[l:r]
        for c, mask in enumerate((p[l:r] == 0, p[l:r] != 0)):
            counts = np.bincount(pos[mask], minlength=H * W)
            frames[i, c] += counts
    return frames


def tonic_time_bins(x, y, t, p, T, H, W):  # Tonic slice_events_by_time_bins + np.add.at
    window = (t[-1] - t[0]) // T
    starts = np.arange(T) * window + t[0]
    lo = np.searchsorted(t, starts); hi = np.searchsorted(t, starts + window)
    frames = np.zeros((T, 2, H, W), dtype=np.int16)
    for i in range(T):
        s = slice(lo[i], hi[i])
        np.add.at(frames[i], (p[s].astype(int), y[s].astype(int), x[s].astype(int)), 1)
    return frames


def main():
    files = json.loads(sys.argv[1])  # {name: [format, path]}
    decoders = {"atis": atis, "aedat2": aedat2, "dat": dat, "evt2": evt2}
    result = {"decode": {}, "events": {}, "integrate": {}, "numpy": np.__version__}
    for name, (fmt, path) in files.items():
        if fmt not in decoders:
            continue
        raw = open(path, "rb").read()
        seconds = timed(lambda: decoders[fmt](raw))
        result["decode"][name] = len(raw) / seconds / 1e6
        result["events"][name] = int(decoders[fmt](raw)[2].size)
    stream = files.get("integration")
    if stream:
        x, y, t, p = atis(open(stream[1], "rb").read())
        n = t.size
        result["integrate"]["sj-number T=10"] = n / timed(lambda: sj_number(x, y, t, p, 10, 128, 128))
        result["integrate"]["tonic-time-bins T=10"] = n / timed(lambda: tonic_time_bins(x, y, t, p, 10, 128, 128))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
