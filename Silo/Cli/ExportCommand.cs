using System.CommandLine;

namespace Snnsweep.Silo.Cli;

/// <summary><c>export</c>: writes a sweep's best configuration (or all its trials as CSV) from a running cluster.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var sweep = new Option<string>("--sweep") { Description = "sweep id (as the dashboard and the sweeps list show it)", Required = true };
        var output = new Option<string>("--out") { Description = "file to write: *.csv for every trial, anything else for the best configuration (JSON)", Required = true };
        var cluster = new Option<string?>("--cluster") { Description = "Redis connection string of the cluster (default: the local workstation cluster)" };
        var gateway = new Option<int>("--gateway-port") { Description = "gateway port of the local cluster", DefaultValueFactory = _ => 30_000 };
        var command = new Command("export", "Export a sweep of a running cluster: its best configuration (for train --config) or all trials as CSV.")
        {
            sweep, output, cluster, gateway,
        };
        command.SetAction((parse, cancellation) => ExportVerb.RunAsync(
            new ExportVerb.Arguments(parse.GetValue(sweep)!, parse.GetValue(output)!, parse.GetValue(cluster), parse.GetValue(gateway)), Console.Out, Console.Error, cancellation));
        return command;
    }
}
