namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>Whether a dataset holds event recordings or static images.</summary>
public enum DatasetDomain
{
    Event,
    Static,
}
