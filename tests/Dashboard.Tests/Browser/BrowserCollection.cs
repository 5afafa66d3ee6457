namespace Snnsweep.Dashboard.Tests.Browser;

/// <summary>Browser tests run one at a time: each starts a silo and a browser on a 2-core machine.</summary>
[CollectionDefinition(nameof(BrowserCollection), DisableParallelization = true)]
public sealed class BrowserCollection;
