using System.CommandLine;
using Snnsweep.Trainer.Data.Definitions;

namespace Snnsweep.Silo.Cli;

/// <summary>
/// <c>data</c> verb: <c>inspect FILE [--format F]</c> prints a JSON summary of an event file; <c>prepare --dataset NAME
/// [--data-root DIR]</c> integrates every sample into the frame pack training reads, ahead of a sweep; <c>list</c> shows
/// the datasets, which are found and where, and the folder layout each expects. <see cref="DataVerb"/> does the work.
/// </summary>
internal static class DataCommand
{
    /// <param name="definitions">Datasets to offer; the built-in ones when null (pass one that includes <c>demo</c>).</param>
    public static Command Create(DatasetDefinitions? definitions = null)
    {
        var command = new Command("data", "Read event and static datasets: inspect files, list datasets, prepare the frame cache.");
        command.Subcommands.Add(CreateInspect());
        command.Subcommands.Add(CreatePrepare(definitions));
        command.Subcommands.Add(CreateList(definitions));
        return command;
    }

    private static Command CreateInspect()
    {
        var file = new Argument<string>("file") { Description = "Event file to decode (.bin, .aedat, .aedat4, .mat, .dat, .raw)." };
        var format = new Option<string?>("--format") { Description = "Format, when sniffing is not enough: atis, aedat2, aedat3, aedat4, mat, dat, evt2, evt3." };
        var command = new Command("inspect", "Decode an event file and print {format, events, width, height, tFirst, tLast, on, off, first} as JSON.");
        command.Arguments.Add(file);
        command.Options.Add(format);
        command.SetAction(result =>
            DataVerb.Inspect(result.GetValue(file)!, result.GetValue(format), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static Command CreateList(DatasetDefinitions? definitions)
    {
        var dataRoot = new Option<string?>("--data-root", "--root") { Description = "Data root to look in (default: Snnsweep__DataRoot or $SNNSWEEP_DATA_ROOT)." };
        var command = new Command("list", "List the datasets: which are found and where, their state, and the folder layout each expects.");
        command.Options.Add(dataRoot);
        command.SetAction(result => DataVerb.List(result.GetValue(dataRoot), definitions, result.InvocationConfiguration.Output));
        return command;
    }

    private static Command CreatePrepare(DatasetDefinitions? definitions)
    {
        var dataset = new Option<string>("--dataset") { Description = "Registered dataset name (see 'data list').", Required = true };
        var root = new Option<string?>("--data-root", "--root") { Description = "Data root holding the dataset as downloaded (default: Snnsweep__DataRoot or $SNNSWEEP_DATA_ROOT); the frames go to <root>/.snnsweep/packs." };
        var limit = new Option<int?>("--limit") { Description = "Prepare only the first N samples (a quick check)." };
        var parallel = new Option<int>("--parallel") { Description = "Worker threads.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var frames = new FrameSettingsOptions();
        var command = new Command("prepare", "Integrate every sample of a dataset into the frame pack that training reads, with a progress bar (as a first run would, ahead of a sweep).");
        command.Options.Add(dataset);
        command.Options.Add(root);
        command.Options.Add(limit);
        command.Options.Add(parallel);
        frames.AddTo(command);
        command.SetAction(result =>
        {
            var arguments = new DataVerb.PrepareArguments(result.GetValue(dataset)!, result.GetValue(root), result.GetValue(limit), result.GetValue(parallel), definitions);
            return DataVerb.Prepare(arguments, defaults => frames.Resolve(result, defaults), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
        });
        return command;
    }
}
