using System.CommandLine;
using Snnsweep.Silo.Cli;

// The one executable. Each verb lives in Cli/<Verb>Command.cs and is registered in CommandCatalog.
var root = new RootCommand("snnsweep: hyperparameter search for spiking neural networks on event-camera data.");
CommandCatalog.AddAll(root);
// With no verb, run the main job: the local cluster (one embedded silo, SQLite on the data root) with the
// dashboard on loopback, where sweeps on the built-in demo dataset start from the New sweep form.
root.SetAction((_, cancellation) => ServeCommand.RunAsync(ServeCommand.Settings(null, null, null, null, null, null, null, null, null), cancellation));
return await root.Parse(args).InvokeAsync();
