using System.CommandLine;
using Snnsweep.Silo.Cli;

// The one executable. Each verb lives in Cli/<Verb>Command.cs and is registered here.
var root = new RootCommand("snnsweep: hyperparameter search for spiking neural networks on event-camera data.");
CommandCatalog.AddAll(root);
return await root.Parse(args).InvokeAsync();
