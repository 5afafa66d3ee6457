using System.CommandLine;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;

namespace Snnsweep.Silo.Cli;

/// <summary><c>train</c>: trains one configuration with a live progress bar and writes <c>result.json</c>.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var method = new Option<string?>("--method") { Description = $"training method ({string.Join(", ", TrainingMethods.Names)}; default baseline)" };
        var dataset = new Option<string?>("--dataset") { Description = $"dataset ({string.Join(", ", DatasetCatalog.Names)}; default demo)" };
        var config = new Option<string?>("--config") { Description = "retrain a sweep's best-config.json exactly (other options override it)" };
        var preset = new Option<string?>("--preset") { Description = "defaults to start from: fast (minutes on a CPU; the default) or paper (the method's paper settings); with --config, the file's" };
        var epochs = new Option<int?>("--epochs") { Description = "training epochs (default: the method's)" };
        var seed = new Option<int?>("--seed") { Description = "random seed (default 1)" };
        var set = new Option<string[]>("--set") { Description = "override a configuration key, e.g. --set lr=0.001 (repeatable; 'train --keys' lists them)", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--out") { Description = "output folder for result.json and the checkpoint (re-running with the same folder resumes)" };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for tensor math (default: all cores)" };
        var device = new Option<string>("--device") { Description = "cpu or cuda[:index]", DefaultValueFactory = _ => "cpu" };
        var dataRoot = new Option<string?>("--data-root") { Description = $"folder for caches (default ${DataRoot.EnvironmentVariable} or the user's local data folder)" };
        var keys = new Option<bool>("--keys") { Description = "list the configuration keys and exit" };

        var command = new Command("train", "Train one configuration and write DIR/result.json.")
        {
            method, dataset, preset, config, epochs, seed, set, output, threads, device, dataRoot, keys,
        };
        command.SetAction((parse, cancellation) => TrainVerb.RunAsync(new TrainVerb.Arguments(
            parse.GetValue(method),
            parse.GetValue(dataset),
            parse.GetValue(epochs),
            parse.GetValue(seed),
            parse.GetValue(set) ?? [],
            parse.GetValue(output),
            parse.GetValue(threads),
            parse.GetValue(device)!,
            parse.GetValue(dataRoot),
            parse.GetValue(keys),
            parse.GetValue(config),
            parse.GetValue(preset)), Spectre.Console.AnsiConsole.Console, cancellation));
        return command;
    }
}
