namespace Snnsweep.Trainer.Methods.R2etl;

/// <summary>How r2etl aligns the two input stems (docs/methods.md §3.4).</summary>
public enum R2etlEncoderLoss
{
    /// <summary>1 - CKA of the stems' spike counts summed over time (the grid runs' choice).</summary>
    Cka,

    /// <summary>1 - TCKA of the stems' pre-spike membranes.</summary>
    Tcka,
}
