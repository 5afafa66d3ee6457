namespace Snnsweep.Trainer.Methods;

/// <summary>
/// Random draws of a batch (partner images, sliding replacements) as a pure function of (seed, epoch, batch,
/// purpose), so a resumed run draws exactly what the uninterrupted one drew without saving generator state.
/// </summary>
public static class BatchRandom
{
    public static Random For(int seed, BatchPosition position, int purpose)
    {
        unchecked
        {
            var h = (ulong)seed * 0x9E3779B97F4A7C15UL;
            h ^= (ulong)position.Epoch * 0xC2B2AE3D27D4EB4FUL + (h << 6) + (h >> 2);
            h ^= (ulong)position.Batch * 0x165667B19E3779F9UL + (h << 6) + (h >> 2);
            h ^= (ulong)purpose * 0x27D4EB2F165667C5UL + (h << 6) + (h >> 2);
            return new Random((int)(h ^ (h >> 32)));
        }
    }
}
