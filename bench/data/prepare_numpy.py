"""numpy peer of `data prepare --dataset n-mnist` (bench/data/prepare-throughput.sh): reads every recording of an
N-MNIST folder (N-MNIST/{Train,Test}/<digit>/*.bin), decodes it as Tonic's read_mnist_file does and integrates it
with SpikingJelly's number slicing (T frames, bincount), both from bench/data/peer_numpy.py, then writes all frames
as one float16 [N, T, 2, 34, 34] .npy (np.save, fsync'ed, as the pack is), so both sides decode, integrate and write.
--workers N > 1 integrates in a multiprocessing pool of N processes (the C# side: N threads). Prints one JSON line.

--check-pack PACK compares every row of a frame pack (the C# output) with this script's frames for the same file."""
import argparse, glob, json, os, sys, time
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_numpy import atis, sj_number  # noqa: E402

H = W = 34


def integrate(job):
    path, frames = job
    with open(path, "rb") as f:
        raw = f.read()
    x, y, t, p = atis(raw)
    return sj_number(x, y, t, p, frames, H, W).reshape(frames, 2, H, W).astype(np.float16), int(t.size)


def recordings(root):
    files = []
    for split in ("Train", "Test"):
        files += sorted(glob.glob(os.path.join(root, "N-MNIST", split, "*", "*.bin")))
    return files


def prepare(root, out, workers, frames):
    start = time.perf_counter()
    files = recordings(root)
    result = np.empty((len(files), frames, 2, H, W), dtype=np.float16)
    events = 0
    jobs = [(f, frames) for f in files]
    if workers == 1:
        results = map(integrate, jobs)
        pool = None
    else:
        from multiprocessing import Pool
        pool = Pool(workers)
        results = pool.imap(integrate, jobs, chunksize=64)
    for i, (row, n) in enumerate(results):
        result[i] = row
        events += n
    if pool is not None:
        pool.close()
        pool.join()
    with open(out, "wb") as f:
        np.save(f, result)
        f.flush()
        os.fsync(f.fileno())
    seconds = time.perf_counter() - start
    print(json.dumps({"samples": len(files), "events": events, "seconds": seconds, "bytes": os.path.getsize(out),
                      "frameSum": float(result.sum(dtype=np.float64)), "numpy": np.__version__}))


def check_pack(root, pack, frames):
    """Every row of the C# pack equals this script's frames for the same recording (ids are N-MNIST-relative paths)."""
    manifest = json.load(open(os.path.splitext(pack)[0] + ".json"))
    key = manifest["key"].encode()
    offset = (8 + 4 * 6 + len(key) + 63) // 64 * 64
    shape = (manifest["timesteps"], manifest["channels"], manifest["height"], manifest["width"])
    if shape != (frames, 2, H, W):
        sys.exit(f"pack rows are {shape}, expected {(frames, 2, H, W)}")
    rows = np.memmap(pack, dtype=np.float16, mode="r", offset=offset, shape=(len(manifest["ids"]),) + shape)
    excluded = {e["id"] for e in manifest.get("excluded", [])}
    differ = 0
    for i, sample in enumerate(manifest["ids"]):
        if sample in excluded:
            continue
        ours, _ = integrate((os.path.join(root, "N-MNIST", sample + ".bin"), frames))
        if not np.array_equal(ours, rows[i]):
            differ += 1
            if differ <= 3:
                print(f"row {i} ({sample}) differs: numpy sum {ours.sum()}, pack sum {rows[i].sum()}", file=sys.stderr)
    print(json.dumps({"checked": len(manifest["ids"]) - len(excluded), "excluded": len(excluded), "differ": differ}))
    return differ == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", required=True, help="folder holding N-MNIST/")
    parser.add_argument("--out", help="the .npy to write")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--frames", type=int, default=10)
    parser.add_argument("--check-pack", help="a frame pack to compare instead of preparing")
    args = parser.parse_args()
    if args.check_pack:
        sys.exit(0 if check_pack(args.root, args.check_pack, args.frames) else 1)
    if not args.out:
        parser.error("--out is required")
    prepare(args.root, args.out, max(1, args.workers), args.frames)


if __name__ == "__main__":
    main()
