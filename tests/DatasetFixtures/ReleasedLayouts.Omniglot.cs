using System.Globalization;
using System.Text;
using SkiaSharp;
using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Tests.DatasetFixtures;

public static partial class ReleasedLayouts
{
    private const int Drawers = 20;

    /// <summary>Alphabets of the Omniglot fixtures: two real background and two real evaluation alphabet names.</summary>
    public static readonly IReadOnlyList<string> OmniglotBackgroundAlphabets = ["Alphabet_of_the_Magi", "Anglo-Saxon_Futhorc"];

    public static readonly IReadOnlyList<string> OmniglotEvaluationAlphabets = ["Angelic", "Atemayar_Qelisayer"];

    /// <summary>
    /// N-Omniglot: <c>dvs_background/&lt;Alphabet&gt;/characterNN/&lt;cccc&gt;.aedat4 + &lt;cccc&gt;.csv</c> and
    /// <c>dvs_evaluation/...</c>; one AEDAT 4 recording (LZ4, DAVIS346 346x260, absolute timestamps) per character holding
    /// all 20 drawers, the pen tracing the character's strokes inside the 250x250 square at (54, 4) that the default
    /// frames crop, with a little screen noise between drawers; the CSV's start/end are timestamps of events in the
    /// stream, as BrainCog requires. <paramref name="charactersPerAlphabet"/> characters in each of
    /// <see cref="OmniglotBackgroundAlphabets"/> and <see cref="OmniglotEvaluationAlphabets"/>; drawers 1-15 train,
    /// 16-20 test. With <paramref name="withRealSamples"/> the first evaluation character's recording is the real DV
    /// file from ../shared/samples (a DVXplorer, 320x240) cut into 20 equal parts: it decodes and indexes like any
    /// character, but it is smaller than the default 250x250 crop at (54, 4), so integrate it with other frames.
    /// </summary>
    public static WrittenDataset NOmniglot(string root, int charactersPerAlphabet = 2, int seed = 1, bool withRealSamples = false)
    {
        var real = withRealSamples ? SharedSamples.Find("aedat4/tonic_sample.aedat4") : null;
        var characters = OmniglotCharacters(charactersPerAlphabet);
        var realPlaced = 0;
        foreach (var (set, name, id) in characters)
        {
            var characterFolder = Path.Combine(root, "dvs_" + set, name);
            if (real is not null && realPlaced == 0 && set == "evaluation")
            {
                FixtureFiles.Copy(real, characterFolder, $"{id:0000}.aedat4");
                FixtureFiles.Text(characterFolder, $"{id:0000}.csv", DrawerCsv(EqualParts(Aedat4Reader.Read(real).T)));
                realPlaced++;
                continue;
            }
            var glyph = new OmniglotGlyph(name);
            var rng = FixtureFiles.Rng(seed, "n-omniglot", name);
            var events = new List<TestEvent>();
            var boundaries = new List<(long Start, long End)>();
            var t = 1_636_000_000_000_000L + rng.Next(0, 1_000_000_000);
            for (var drawer = 1; drawer <= Drawers; drawer++)
            {
                // The drawing, then the blank screen before the next one; the first blank event ends the drawer's sample.
                var strokes = glyph.Drawn(FixtureFiles.Rng(seed, "omniglot-drawer", name, drawer));
                var drawing = OmniglotGlyph.Events(strokes, rng, rng.Next(30, 60), t, rng.Next(800_000, 1_500_000), 54, 4, 250, 346, 260);
                var blank = TestEvent.Random(rng.Next(), 5, 346, 260, drawing[^1].T + 1 + rng.Next(1000, 5000), maxStep: 40_000);
                boundaries.Add((drawing[0].T, blank[0].T));
                events.AddRange(drawing);
                events.AddRange(blank);
                t = blank[^1].T + rng.Next(100_000, 300_000);
            }
            FixtureFiles.Write(characterFolder, $"{id:0000}.aedat4", Aedat4Writer.Write(events, new Aedat4Writer.Options(EventsPerPacket: 256)));
            FixtureFiles.Text(characterFolder, $"{id:0000}.csv", DrawerCsv(boundaries));
        }
        return new WrittenDataset("n-omniglot", root, root, characters.Count, realPlaced);
    }

    /// <summary>
    /// Omniglot: <c>images_background/&lt;Alphabet&gt;/characterNN/&lt;cccc&gt;_&lt;dd&gt;.png</c> and
    /// <c>images_evaluation/...</c>, 105x105 grey PNGs (strokes dark on white), the same characters (names and ids) as
    /// <see cref="NOmniglot"/> with the same strokes and per-drawer variation, 20 drawers each.
    /// </summary>
    public static WrittenDataset Omniglot(string root, int charactersPerAlphabet = 2, int seed = 1)
    {
        var characters = OmniglotCharacters(charactersPerAlphabet);
        foreach (var (set, name, id) in characters)
        {
            var glyph = new OmniglotGlyph(name);
            for (var drawer = 1; drawer <= Drawers; drawer++)
            {
                var pixels = OmniglotGlyph.Image(glyph.Drawn(FixtureFiles.Rng(seed, "omniglot-drawer", name, drawer)), 105);
                FixtureFiles.Write(Path.Combine(root, "images_" + set, name), $"{id:0000}_{drawer:00}.png", StaticWriters.Encode(pixels, 105, 105, 1, SKEncodedImageFormat.Png));
            }
        }
        return new WrittenDataset("omniglot", root, root, characters.Count * Drawers, 0);
    }

    /// <summary>(set, "Alphabet/characterNN", global id) in the definition's order; ids count from 1 in background and from 965 in evaluation, as in Omniglot.</summary>
    private static List<(string Set, string Name, int Id)> OmniglotCharacters(int charactersPerAlphabet)
    {
        RequireAtLeast(charactersPerAlphabet, 1, nameof(charactersPerAlphabet), "every alphabet needs a character");
        var result = new List<(string, string, int)>();
        foreach (var (set, alphabets, firstId) in new[] { ("background", OmniglotBackgroundAlphabets, 1), ("evaluation", OmniglotEvaluationAlphabets, 965) })
        {
            var id = firstId;
            foreach (var alphabet in alphabets.Order(StringComparer.Ordinal))
                for (var c = 1; c <= charactersPerAlphabet; c++)
                    result.Add((set, $"{alphabet}/character{c:00}", id++));
        }
        return result;
    }

    /// <summary>A header row, then one "id,start,end" row per drawer.</summary>
    private static string DrawerCsv(IReadOnlyList<(long Start, long End)> boundaries)
    {
        var csv = new StringBuilder("id,start,end\n");
        for (var i = 0; i < boundaries.Count; i++) csv.Append(CultureInfo.InvariantCulture, $"{i + 1},{boundaries[i].Start},{boundaries[i].End}\n");
        return csv.ToString();
    }

    /// <summary>Twenty drawers of equal event counts, each bounded by timestamps present in the recording.</summary>
    private static List<(long Start, long End)> EqualParts(long[] t)
    {
        var parts = new List<(long, long)>();
        for (var k = 0; k < Drawers; k++) parts.Add((t[(long)k * t.Length / Drawers], t[Math.Min(t.Length - 1, (long)(k + 1) * t.Length / Drawers)]));
        return parts;
    }
}
