namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// Matches the classes of an event dataset to those of its static partner by name, so a sampler can draw a static
/// image of the same class. Names are compared case-insensitively with separators (space, '_', '-') ignored; explicit
/// aliases cover renamings. Caltech101 vs N-Caltech101: N-Caltech101 dropped <c>Faces</c> (a duplicate of
/// <c>Faces_easy</c>), so the static <c>Faces</c> class is left unmatched and every N-Caltech101 class finds its folder.
/// </summary>
public sealed class CrossDomainClassMap
{
    private readonly int[] _eventToStatic;

    private CrossDomainClassMap(IReadOnlyList<string> eventClasses, IReadOnlyList<string> staticClasses, int[] eventToStatic)
    {
        EventClasses = eventClasses;
        StaticClasses = staticClasses;
        _eventToStatic = eventToStatic;
    }

    public IReadOnlyList<string> EventClasses { get; }

    public IReadOnlyList<string> StaticClasses { get; }

    /// <summary>Event classes with no static partner.</summary>
    public IReadOnlyList<string> UnmatchedEventClasses => EventClasses.Where((_, i) => _eventToStatic[i] < 0).ToList();

    /// <summary>Static classes no event class maps to (e.g. Caltech101 "Faces").</summary>
    public IReadOnlyList<string> UnusedStaticClasses => StaticClasses.Where((_, j) => !_eventToStatic.Contains(j)).ToList();

    /// <summary>The static class index for an event label, or -1 when the class has no partner.</summary>
    public int StaticLabelFor(int eventLabel) => _eventToStatic[eventLabel];

    public static CrossDomainClassMap Build(IReadOnlyList<string> eventClasses, IReadOnlyList<string> staticClasses, IReadOnlyDictionary<string, string>? aliases = null)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < staticClasses.Count; j++) byKey.TryAdd(Normalize(staticClasses[j]), j);
        var map = new int[eventClasses.Count];
        for (var i = 0; i < eventClasses.Count; i++)
        {
            var name = eventClasses[i];
            if (aliases is not null && aliases.TryGetValue(name, out var alias)) name = alias;
            map[i] = byKey.TryGetValue(Normalize(name), out var j) ? j : -1;
        }
        return new CrossDomainClassMap(eventClasses, staticClasses, map);
    }

    /// <summary>Like <see cref="Build"/>, but every event class must have a partner; the message lists those that do not.</summary>
    public static CrossDomainClassMap BuildComplete(IReadOnlyList<string> eventClasses, IReadOnlyList<string> staticClasses, IReadOnlyDictionary<string, string>? aliases = null)
    {
        var map = Build(eventClasses, staticClasses, aliases);
        if (map.UnmatchedEventClasses.Count > 0)
            throw new DatasetLayoutException($"No static class matches event classes: {string.Join(", ", map.UnmatchedEventClasses.Take(20))}.");
        return map;
    }

    private static string Normalize(string name) =>
        new(name.Where(c => c is not (' ' or '_' or '-')).Select(char.ToLowerInvariant).ToArray());
}
