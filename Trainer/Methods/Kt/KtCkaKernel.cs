namespace Snnsweep.Trainer.Methods.Kt;

/// <summary>The kernel of kt's CKA between the static and event features (docs/methods.md §1.4, §1.9).</summary>
public enum KtCkaKernel
{
    /// <summary>Linear CKA (the paper's): Gram matrices <c>X Xᵀ</c>.</summary>
    Linear,

    /// <summary>
    /// RBF CKA: <c>exp(-d²/(2 sigma²))</c> with <c>sigma = kt.rbfScale</c> times the median pairwise distance of the
    /// batch's features (<see cref="Losses.RbfCka"/>).
    /// </summary>
    Rbf,
}
