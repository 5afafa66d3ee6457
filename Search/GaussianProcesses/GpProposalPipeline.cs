using System.Collections.Concurrent;
using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.GaussianProcesses;

/// <summary>
/// The Bayesian-optimisation step shared by the single- and multi-objective GP samplers: Sobol start-up,
/// power-transformed outputs, MAP hyperparameters, a Kriging-believer fantasy for every pending trial (its
/// posterior mean is taken as observed, so the variance around it collapses and the next proposal moves
/// elsewhere), and log-EI maximisation.
/// </summary>
internal sealed class GpProposalPipeline(long seed, GpSamplerOptions options)
{
    private const int MaxCachedFits = 256;
    private const int Incumbents = 5;

    private readonly SobolSampler _sobol = new(seed);
    private readonly ConcurrentDictionary<(ulong, ulong, int), GpHyperparameters> _fits = new();

    public int StartupTrials(SearchSpace space) => options.StartupTrials ?? Math.Clamp(2 * space.Count, 8, 20);

    /// <param name="observations">Completed trials with their loss (lower is better), in history order.</param>
    /// <param name="salt">Separates the random streams of samplers sharing a seed.</param>
    public Configuration Propose(SearchSpace space, TrialHistory history, IReadOnlyList<(Trial Trial, double Loss)> observations, long salt)
    {
        if (history.Count < StartupTrials(space) || observations.Count < 2)
        {
            return _sobol.Ask(space, history, history.Count);
        }
        var encoding = new SpaceEncoding(space);
        var inputs = observations.Select(o => encoding.Encode(o.Trial.Parameters)).ToArray();
        var outputs = PowerTransform.Apply(observations.Select(o => o.Loss).ToArray());
        var hyperparameters = Hyperparameters(encoding, inputs, observations);
        var process = new GaussianProcess(inputs, outputs, encoding.Categorical, hyperparameters);
        var pending = history.Running.Select(t => encoding.Encode(t.Parameters)).ToArray();
        var believed = process.Condition(pending, pending.Select(x => process.Predict(x).Mean).ToArray());
        // The incumbent counts the fantasies too: a believed result is as good as observed, so improving on
        // a pending point's predicted value (not just on real results) is what the next proposal must do,
        // otherwise the point next to a promising pending one would look like a sure improvement.
        var incumbent = believed.MeanAtTrainingInputs().Min();

        var best = observations.OrderBy(o => o.Loss).Take(Incumbents).Select(o => o.Trial.Parameters).ToArray();
        return AcquisitionOptimizer.Maximize(
            space,
            encoding,
            new LogEiAcquisition(believed, incumbent),
            best,
            new KnownConfigurations(history),
            SeededRandom.For(seed, history.Count, salt),
            options);
    }

    /// <summary>
    /// Hyperparameters fitted on a prefix of the observations whose length follows a fixed schedule, so
    /// the fit is a pure function of the history (and cached), yet is not repeated for every trial of a
    /// long sweep.
    /// </summary>
    private GpHyperparameters Hyperparameters(SpaceEncoding encoding, double[][] inputs, IReadOnlyList<(Trial Trial, double Loss)> observations)
    {
        var used = FitSize(observations.Count);
        var key = Fingerprint(observations, used, encoding.Dimensions);
        if (_fits.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var flat = new double[used * encoding.Dimensions];
        for (var i = 0; i < used; i++)
        {
            inputs[i].CopyTo(flat, i * encoding.Dimensions);
        }
        var outputs = PowerTransform.Apply(observations.Take(used).Select(o => o.Loss).ToArray());
        var fit = HyperparameterFitter.Fit(flat, outputs, encoding.Categorical, SeededRandom.For(seed, used, 0x6f), options.HyperparameterStarts);
        if (_fits.Count > MaxCachedFits)
        {
            _fits.Clear();
        }
        _fits[key] = fit;
        return fit;
    }

    private int FitSize(int completed)
    {
        if (completed <= options.RefitEveryTrialUpTo)
        {
            return completed;
        }
        var size = options.RefitEveryTrialUpTo;
        while (true)
        {
            var next = Math.Max(size + 1, (int)Math.Ceiling(size * options.RefitGrowth));
            if (next > completed)
            {
                return size;
            }
            size = next;
        }
    }

    private static (ulong, ulong, int) Fingerprint(IReadOnlyList<(Trial Trial, double Loss)> observations, int count, int dimensions)
    {
        ulong a = 0x243F6A8885A308D3UL ^ (ulong)dimensions;
        ulong b = 0x13198A2E03707344UL;
        for (var i = 0; i < count; i++)
        {
            var (trial, loss) = observations[i];
            a = SeededRandom.Mix(a ^ (ulong)trial.Id);
            a = SeededRandom.Mix(a ^ (ulong)BitConverter.DoubleToInt64Bits(loss));
            b = SeededRandom.Mix(b + (ulong)trial.Parameters.GetHashCode() + ((ulong)trial.Id << 32));
        }
        return (a, b, count);
    }
}
