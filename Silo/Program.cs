using System.CommandLine;
using Snnsweep.Silo.Cli;

// The one executable. Each verb lives in Cli/<Verb>Command.cs and is registered in CommandCatalog.
var root = new RootCommand("snnsweep: hyperparameter search for spiking neural networks on event-camera data.");
CommandCatalog.AddAll(root);
// With no verb, run the main job: today the baseline on the built-in demo data (the local cluster and
// dashboard take this place when they land).
root.SetAction((_, cancellation) => TrainVerb.RunAsync(TrainVerb.Arguments.Defaults, Spectre.Console.AnsiConsole.Console, cancellation));
return await root.Parse(args).InvokeAsync();
