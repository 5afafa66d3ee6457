using System.Globalization;
using Snnsweep.Tests.ClusterFixtures;

// `silo`: one chaos silo, until killed. `drive`: the chaos experiment on a redis-server of its own; prints the
// report and exits 0 when every acceptance point holds (bench/cluster/chaos.sh).
var arguments = new CommandArguments(args.Skip(1).ToArray());
switch (args.FirstOrDefault())
{
    case "silo":
        return await ChaosSilo.RunAsync(arguments);
    case "drive":
        var options = new ChaosOptions
        {
            Silos = arguments.Number("--silos", 3),
            SlotsPerSilo = arguments.Number("--slots", 2),
            Trials = arguments.Number("--trials", 60),
            Epochs = arguments.Number("--epochs", 10),
            EpochTime = TimeSpan.FromMilliseconds(arguments.Number("--epoch-ms", 500)),
            KillEvery = TimeSpan.FromSeconds(arguments.Number("--kill-every", 20)),
            PoisonTrial = arguments.Number("--poison-trial", 7),
            MaxRetries = arguments.Number("--retries", 3),
            LeaseDuration = TimeSpan.FromSeconds(arguments.Number("--lease-seconds", 10)),
            Seed = arguments.Number("--seed", 1),
        };
        using (var redis = new RedisServer())
        {
            var report = await ChaosExperiment.RunAsync(options, redis.ConnectionString,
                line => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {DateTime.UtcNow:HH:mm:ss} {line}")));
            foreach (var line in report.Describe()) Console.WriteLine(line);
            Console.WriteLine(report.Holds ? "every acceptance point holds" : "ACCEPTANCE FAILED");
            return report.Holds ? 0 : 1;
        }
    default:
        Console.Error.WriteLine("usage: silo --redis HOST:PORT --cluster ID --name NAME --data-root DIR [...] | drive [--trials 60 --kill-every 20 ...]");
        return 2;
}
