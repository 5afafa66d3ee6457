using System.CommandLine;

namespace Snnsweep.Silo.Cli;

/// <summary>
/// The verbs of the executable, in the order <c>--help</c> lists them. Each verb <c>x</c> has an <c>XCommand</c> that
/// declares its arguments, options and help (System.CommandLine); a verb that does work of its own (train, sweep,
/// export, data) keeps that work in an <c>XVerb</c> beside it, so the declaration reads on one screen; serve only starts the host.
/// </summary>
internal static class CommandCatalog
{
    public static void AddAll(RootCommand root)
    {
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
    }
}
