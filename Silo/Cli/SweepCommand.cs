using System.CommandLine;
using Snnsweep.Contracts;
using Snnsweep.Silo.Sweeps;
using Snnsweep.Trainer.Data;

namespace Snnsweep.Silo.Cli;

/// <summary><c>sweep</c>: runs a hyperparameter sweep on a local in-process cluster (or a running one) and writes its results.</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var method = new Option<string>("--method") { Description = "training method", DefaultValueFactory = _ => "baseline" };
        var dataset = new Option<string>("--dataset") { Description = "dataset", DefaultValueFactory = _ => "demo" };
        var trials = new Option<int>("--trials") { Description = "trial budget", DefaultValueFactory = _ => 12 };
        var parallel = new Option<int>("--parallel") { Description = "trials at once (and CPU slots of the local cluster)", DefaultValueFactory = _ => 2 };
        var sampler = new Option<string>("--sampler") { Description = string.Join(", ", SearchChoices.Samplers), DefaultValueFactory = _ => SearchChoices.DefaultSampler };
        var pruner = new Option<string>("--pruner") { Description = string.Join(", ", SearchChoices.Pruners), DefaultValueFactory = _ => SearchChoices.DefaultPruner };
        var grace = new Option<int>("--grace-period") { Description = "epochs every trial runs before the pruner may stop it (ASHA's first rung)", DefaultValueFactory = _ => 1 };
        var objective = new Option<string?>("--objective") { Description = "accuracy, or accuracy,avgTimestep for the trade-off (default: accuracy; for ssnn accuracy,avgTimestep)" };
        var preset = new Option<string>("--preset") { Description = "defaults every trial starts from: fast (minutes on a CPU) or paper (each method's paper settings)", DefaultValueFactory = _ => "fast" };
        var seed = new Option<int>("--seed") { Description = "seed of the sampler and the trials", DefaultValueFactory = _ => 1 };
        var epochs = new Option<int>("--epochs") { Description = "epochs per trial", DefaultValueFactory = _ => 4 };
        var space = new Option<string?>("--space") { Description = "search space JSON file (default: the method's)" };
        var set = new Option<string[]>("--set") { Description = "fix a configuration key for every trial, e.g. --set T=6 (repeatable)" };
        var output = new Option<string?>("--out") { Description = "output folder; re-running with the same folder resumes the sweep" };
        var cluster = new Option<string?>("--cluster") { Description = "join a running Redis-backed cluster instead of starting a local one (Redis connection string)" };
        var retries = new Option<int>("--retries") { Description = "retries of a failed trial", DefaultValueFactory = _ => 1 };
        var dataRoot = new Option<string?>("--data-root") { Description = $"shared folder for caches, checkpoints and the sweep database (default ${DataRoot.EnvironmentVariable})" };
        var command = new Command("sweep", "Search hyperparameters: writes DIR/leaderboard.json and DIR/best-config.json.")
        {
            method, dataset, preset, trials, parallel, sampler, pruner, grace, objective, seed, epochs, space, set, output, cluster, retries, dataRoot,
        };
        command.SetAction((parse, cancellation) => SweepVerb.RunAsync(new SweepVerb.Arguments(
            parse.GetValue(method)!, parse.GetValue(dataset)!, parse.GetValue(trials), parse.GetValue(parallel), parse.GetValue(sampler)!,
            parse.GetValue(pruner)!, parse.GetValue(objective), parse.GetValue(seed), parse.GetValue(epochs), parse.GetValue(space),
            parse.GetValue(set) ?? [], parse.GetValue(output), parse.GetValue(cluster), parse.GetValue(retries), parse.GetValue(dataRoot), parse.GetValue(grace),
            parse.GetValue(preset)!),
            Spectre.Console.AnsiConsole.Console, cancellation));
        return command;
    }
}
