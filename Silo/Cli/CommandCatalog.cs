using System.CommandLine;

namespace Snnsweep.Silo.Cli;

/// <summary>The verbs of the executable, in the order <c>--help</c> lists them.</summary>
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
