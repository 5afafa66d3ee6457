namespace Snnsweep.Contracts;

/// <summary>
/// A sweep spec its checks refused. <see cref="Field"/> names the field at fault as the CLI and the dashboard's form
/// call it, so a form marks it without reading the message; the message reads "field: problem" for a person.
/// </summary>
[GenerateSerializer]
public sealed class SweepSpecException : ArgumentException
{
    public SweepSpecException(string field, string problem, Exception? inner = null)
        : base($"{field}: {problem}", inner)
    {
        Field = field;
    }

    /// <summary>The field at fault: method, dataset, trials, parallel, epochs, space, fixed, name, ...</summary>
    [Id(0)]
    public string Field { get; private set; }
}
