namespace Snnsweep.Trainer.Data.Registry;

/// <summary>Whether a dataset holds event recordings or static images.</summary>
public enum DatasetDomain
{
    Event,
    Static,
}
