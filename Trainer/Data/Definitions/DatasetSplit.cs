namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// Which part of a dataset a sample belongs to. Validation is carved from Train (never from Test: the test split is only
/// for reporting); Unused marks samples a paper's protocol leaves out (CEP-DVS keeps 350 of 500 per class).
/// </summary>
public enum DatasetSplit
{
    Train,
    Validation,
    Test,
    Unused,
}
