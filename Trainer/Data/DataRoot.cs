namespace Snnsweep.Trainer.Data;

/// <summary>
/// The folder holding frame caches, checkpoints and run outputs. One root is shared by every trial (and, in a
/// cluster, by every silo through a shared volume). <c>SNNSWEEP_DATA_ROOT</c> overrides the default.
/// </summary>
public static class DataRoot
{
    public const string EnvironmentVariable = "SNNSWEEP_DATA_ROOT";

    public static string Default
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(configured)) return configured;
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "snnsweep");
        }
    }
}
