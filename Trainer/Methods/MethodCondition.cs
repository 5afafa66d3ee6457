namespace Snnsweep.Trainer.Methods;

/// <summary>A conditional parameter is active only when the categorical <paramref name="Name"/> takes one of <paramref name="Values"/>.</summary>
/// <param name="Name">Configuration key of the parent parameter.</param>
/// <param name="Values">Values of the parent (as its key spells them) under which the child matters.</param>
public sealed record MethodCondition(string Name, IReadOnlyList<string> Values);
