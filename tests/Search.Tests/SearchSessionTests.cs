using System.Collections.Concurrent;
using Snnsweep.Search.Pruners;
using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Tests;

public sealed class SearchSessionTests
{
    private static Configuration Snn(double lr, int t1, int t2, string surrogate = "atan") => new(new Dictionary<string, ParameterValue>
    {
        ["lr"] = lr, ["lambda_tet"] = 0.01, ["n_stages"] = 2, ["T1"] = t1, ["T2"] = t2,
        ["surrogate"] = surrogate, ["cka_kernel"] = "linear", ["width"] = 128, ["bottleneck"] = 256,
    });

    [Fact]
    public void Enqueued_configurations_come_first_then_the_sampler_takes_over()
    {
        var enqueued = new[] { Snn(1e-3, 8, 4), Snn(5e-4, 10, 5) };
        var session = new SearchSession(TestProblems.SnnProblem(), new SobolSampler(1), enqueued: enqueued);

        var first = session.Ask();
        var second = session.Ask();
        var third = session.Ask();

        Assert.Equal(enqueued[0], first.Parameters);
        Assert.Equal(enqueued[1], second.Parameters);
        Assert.DoesNotContain(third.Parameters, enqueued);
        Assert.Equal([0, 1, 2], session.History.Select(t => t.Id));
    }

    [Fact]
    public void A_session_restored_from_its_export_continues_where_the_old_one_stopped()
    {
        var problem = TestProblems.SnnProblem();
        var enqueued = new[] { Snn(1e-3, 8, 4), Snn(5e-4, 10, 5), Snn(2e-4, 6, 6) };
        var original = new SearchSession(problem, new TpeSampler(4, new TpeSamplerOptions { StartupTrials = 3 }), enqueued: enqueued);
        for (var i = 0; i < 2; i++)
        {
            var trial = original.Ask();
            original.Tell(trial.Id, TestProblems.SnnLoss(trial.Parameters));
        }

        var export = SweepExport.FromJson(original.Export().ToJson());
        var restored = new SearchSession(export.ToProblem(), new TpeSampler(4, new TpeSamplerOptions { StartupTrials = 3 }), history: new TrialHistory(export.Trials), enqueued: enqueued);

        // The third enqueued configuration is next in both; then both samplers propose the same thing.
        Assert.Equal(enqueued[2], restored.Ask().Parameters);
        Assert.Equal(enqueued[2], original.Ask().Parameters);
        Assert.Equal(original.Ask().Parameters, restored.Ask().Parameters);
    }

    [Fact]
    public void Enqueuing_an_invalid_configuration_names_the_parameter()
    {
        var session = new SearchSession(TestProblems.SnnProblem(), new RandomSampler(1));

        var error = Assert.Throws<SearchSpaceException>(() => session.Enqueue(Snn(0.5, 8, 4)));

        Assert.Contains("'lr'", error.Message);
    }

    [Fact]
    public void Importing_an_exported_sweep_takes_the_completed_trials_that_fit_and_says_why_others_do_not()
    {
        // The old sweep maximised accuracy and minimised timesteps; the new one lists them the other way round
        // and narrows lr, so one old trial no longer fits.
        var oldSpace = new SearchSpace([new FloatParameter("lr", 1e-5, 1e-1, Log: true), new IntParameter("T", 2, 12)]);
        var oldProblem = new SearchProblem(oldSpace, [Objective.Maximize("accuracy"), Objective.Minimize("average_timestep")]);
        var old = new SearchSession(oldProblem, new RandomSampler(1));
        old.Enqueue(Configuration.Empty.With("lr", 1e-3).With("T", 6));
        old.Enqueue(Configuration.Empty.With("lr", 1e-5).With("T", 4));
        old.Enqueue(Configuration.Empty.With("lr", 2e-3).With("T", 8));
        var a = old.Ask();
        old.Tell(a.Id, 0.81, 6);
        var b = old.Ask();
        old.Tell(b.Id, 0.60, 4);
        var c = old.Ask();
        old.Fail(c.Id);
        var json = old.Export().ToJson();

        var newSpace = new SearchSpace([new FloatParameter("lr", 1e-4, 1e-1, Log: true), new IntParameter("T", 2, 12)]);
        var newProblem = new SearchProblem(newSpace, [Objective.Minimize("average_timestep"), Objective.Maximize("accuracy")]);
        var session = new SearchSession(newProblem, new RandomSampler(2));
        session.Ask();
        var warm = session.Import(SweepExport.FromJson(json));

        var imported = Assert.Single(warm.Usable);
        Assert.Equal([6.0, 0.81], imported.Values);
        var skipped = Assert.Single(warm.Skipped);
        Assert.Contains("'lr'", skipped);
        var added = session.History.Single(t => t.State == TrialState.Completed);
        Assert.Equal(1, added.Id);
        Assert.Equal(Configuration.Empty.With("lr", 1e-3).With("T", 6), added.Parameters);
    }

    [Fact]
    public void Reports_go_to_the_pruner_and_a_pruned_trial_takes_no_more_results()
    {
        var session = new SearchSession(TestProblems.SnnProblem(), new RandomSampler(1), new MedianPruner(StartupTrials: 2));
        foreach (var loss in new[] { 0.2, 0.4 })
        {
            var done = session.Ask();
            session.Report(done.Id, 0, loss);
            session.Tell(done.Id, loss);
        }
        var trial = session.Ask();

        Assert.True(session.Report(trial.Id, 0, 0.9));
        Assert.Equal(TrialState.Pruned, session.History.ById(trial.Id).State);
        Assert.Equal(0.9, session.History.ById(trial.Id).IntermediateValues[0]);
        Assert.Throws<InvalidOperationException>(() => session.Tell(trial.Id, 0.1));
    }

    [Fact]
    public void Concurrent_asks_get_distinct_ids_and_configurations()
    {
        var session = new SearchSession(TestProblems.SnnProblem(), new TpeSampler(2, new TpeSamplerOptions { StartupTrials = 4 }));
        var trials = new ConcurrentBag<Trial>();

        Parallel.For(0, 48, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var trial = session.Ask();
            trials.Add(trial);
            if (i % 2 == 0)
            {
                session.Tell(trial.Id, TestProblems.SnnLoss(trial.Parameters));
            }
        });

        Assert.Equal(48, trials.Select(t => t.Id).Distinct().Count());
        Assert.Equal(48, trials.Select(t => t.Parameters).Distinct().Count());
        Assert.Equal(24, session.History.Completed.Count());
    }

    [Fact]
    public void A_gp_sampler_shared_between_threads_proposes_what_it_would_alone()
    {
        var problem = TestProblems.SnnProblem();
        var histories = Enumerable.Range(0, 6)
            .Select(seed => TestProblems.RunSequential(new RandomSampler(seed), problem, 14 + seed, c => TestProblems.SnnObjectives(problem, c)))
            .ToList();
        var alone = histories.Select(h => new GpSampler(9, TestProblems.FastGp).Ask(problem, h)).ToList();

        var shared = new GpSampler(9, TestProblems.FastGp);
        var together = new Configuration[histories.Count];
        Parallel.For(0, histories.Count * 3, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => together[i % histories.Count] = shared.Ask(problem, histories[i % histories.Count]));

        Assert.Equal(alone, together);
    }
}
