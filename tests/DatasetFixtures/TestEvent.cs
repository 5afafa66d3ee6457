namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>One event as the tests write and expect it (p: 1 = ON).</summary>
public readonly record struct TestEvent(int X, int Y, long T, byte P)
{
    /// <summary>Seeded random events with non-decreasing timestamps starting at <paramref name="t0"/>.</summary>
    public static TestEvent[] Random(int seed, int count, int width, int height, long t0 = 0, int maxStep = 40)
    {
        var rng = new System.Random(seed);
        var events = new TestEvent[count];
        var t = t0;
        for (var i = 0; i < count; i++)
        {
            t += rng.Next(0, maxStep);
            events[i] = new TestEvent(rng.Next(width), rng.Next(height), t, (byte)rng.Next(2));
        }
        return events;
    }
}
