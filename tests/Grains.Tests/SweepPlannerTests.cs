using Snnsweep.Contracts;
using Snnsweep.Grains.Sweeps;
using Snnsweep.Search.Trials;

namespace Snnsweep.Grains.Tests;

public sealed class SweepPlannerTests
{
    private static readonly SweepSpec Spec = SweepSpecs.Small(trials: 10, parallel: 3) with { Pruner = "median" };

    [Fact]
    public void The_history_kept_between_proposals_equals_one_built_from_scratch_after_every_kind_of_change()
    {
        // The planner brings its history up to date instead of rebuilding it; whatever changed in the trial table
        // (a new trial, an epoch, a re-reported epoch, an outcome, a retry) must show as a fresh planner sees it.
        var planner = new SweepPlanner(Spec);
        var records = new List<TrialRecord>();
        TrialRecord Add(string lr)
        {
            var record = new TrialRecord { Number = records.Count, Status = TrialStatus.Queued, Parameters = new() { ["lr"] = lr } };
            records.Add(record);
            return record;
        }
        void Check(string after) => AssertSame(new SweepPlanner(Spec).History(records), planner.History(records), after);

        var a = Add("0.01");
        var b = Add("0.02");
        Check("two queued trials");
        a.Status = TrialStatus.Running;
        a.Curve.Add(new EpochReport(1, 1.0, 0.5, 4, 0.1));
        Check("an epoch");
        a.Curve[0] = new EpochReport(1, 1.0, 0.6, 4, 0.1);
        Check("the same epoch re-reported with another value");
        a.Curve.Add(new EpochReport(2, 0.8, 0.7, 4, 0.1));
        a.Status = TrialStatus.Completed;
        a.Metrics = new() { ["valAccuracy"] = 0.7 };
        Check("a completion");
        b.Status = TrialStatus.Failed;
        Check("a failure");
        var c = Add("0.03");
        c.Status = TrialStatus.Running;
        Check("a trial added after the first ones settled");
        c.Status = TrialStatus.Queued;
        c.Attempt = 1;
        c.Curve = [new EpochReport(1, 1.0, 0.4, 4, 0.1)];
        Check("a retry that kept its checkpointed epoch");
        c.Status = TrialStatus.Pruned;
        Check("a pruned trial");
    }

    private static void AssertSame(TrialHistory expected, TrialHistory actual, string after)
    {
        Assert.True(expected.Count == actual.Count, $"after {after}: {actual.Count} trials, expected {expected.Count}");
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.True(e.Id == a.Id && e.State == a.State && e.Parameters.Equals(a.Parameters) && e.Values.SequenceEqual(a.Values)
                && e.IntermediateValues.OrderBy(kv => kv.Key).SequenceEqual(a.IntermediateValues.OrderBy(kv => kv.Key)),
                $"after {after}: trial {a.Id} is {a.State} with {string.Join(",", a.IntermediateValues)}, expected {e.State} with {string.Join(",", e.IntermediateValues)}");
        }
    }
}
