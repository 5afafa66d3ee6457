using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Trainer.Tests.Data;

public static class EventAssert
{
    /// <summary>The stream holds exactly <paramref name="expected"/>, in order.</summary>
    public static void Equal(IReadOnlyList<TestEvent> expected, EventStream actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = new TestEvent(actual.X[i], actual.Y[i], actual.T[i], actual.P[i]);
            if (e != a) Assert.Fail($"event {i}: expected {e}, got {a}");
        }
    }

    public static TestEvent At(EventStream s, int i) => new(s.X[i], s.Y[i], s.T[i], s.P[i]);
}
