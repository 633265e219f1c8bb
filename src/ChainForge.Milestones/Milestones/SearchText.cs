using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChainForge.Milestones.Milestones;

/// <summary>
/// A milestone as the search and the list's order read it: text without case or accents
/// ("Zoë" is found by "zoe"), and keys that put M-2 before M-10. Kept beside each milestone by
/// every save (<see cref="Data.MilestonesDbContext"/>) and indexed by the engine's full-text search
/// (<see cref="Data.MilestoneSearch"/>).
/// </summary>
public static class SearchText
{
    /// <summary>At most this many words of a search are used: each one narrows it.</summary>
    public const int MaxTerms = 8;

    /// <summary>A key longer than this sorts by its start, then by ID: an index entry must stay small.</summary>
    public const int MaxKeyLength = 200;

    // Each accented Latin letter (Latin-1, Extended-A and -B, Extended Additional) and its letter
    // without the accent, made from Unicode's decompositions. A table, because the app runs with
    // invariant globalization, where string.Normalize does not decompose.
    private const string Accented = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳḁḃḅḇḉḋḍḏḑḓḕḗḙḛḝḟḡḣḥḧḩḫḭḯḱḳḵḷḹḻḽḿṁṃṅṇṉṋṍṏṑṓṕṗṙṛṝṟṡṣṥṧṩṫṭṯṱṳṵṷṹṻṽṿẁẃẅẇẉẋẍẏẑẓẕẖẗẘẙạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
    private const string Plain = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooyabbbcdddddeeeeefghhhhhiikkkllllmmmnnnnoooopprrrrsssssttttuuuuuvvwwwwwxxyzzzhtwyaaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy";

    private static readonly FrozenDictionary<char, char> WithoutAccent =
        Accented.Zip(Plain).ToFrozenDictionary(p => p.First, p => p.Second);

    /// <summary>Lower case, accents taken off: é is e, Ø stays ø (it is a letter of its own, not an o with a mark).</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length - text.Count(IsCombiningMark), text, (folded, text) =>
        {
            var n = 0;
            foreach (var c in text)
            {
                if (IsCombiningMark(c))
                    continue;
                var lower = char.ToLowerInvariant(c);
                folded[n++] = WithoutAccent.GetValueOrDefault(lower, lower);
            }
        });
    }

    // A mark typed as a character of its own after its letter (e and U+0301 for é).
    private static bool IsCombiningMark(char c) => c is >= '\u0300' and <= '\u036F';

    /// <summary>The folded text with each run of digits led by its length, so that text order is natural order: m-012 (M-2) before m-0210 (M-10).</summary>
    public static string NaturalKey(string text)
    {
        var folded = Fold(text);
        var key = new StringBuilder(folded.Length + 16);
        for (var i = 0; i < folded.Length && key.Length < MaxKeyLength;)
        {
            if (!char.IsAsciiDigit(folded[i]))
            {
                key.Append(folded[i++]);
                continue;
            }
            var start = i;
            while (i < folded.Length && char.IsAsciiDigit(folded[i]))
                i++;
            // Its length (two digits) leads, so that a longer number sorts after every shorter one.
            var digits = folded.AsSpan(start, i - start).TrimStart('0');
            key.Append(Math.Min(digits.Length, 99).ToString("00", CultureInfo.InvariantCulture)).Append(digits);
        }
        // Never half of a character outside the BMP: PostgreSQL refuses to store one.
        var length = Math.Min(key.Length, MaxKeyLength);
        if (length > 0 && char.IsHighSurrogate(key[length - 1]))
            length--;
        return key.ToString(0, length);
    }

    /// <summary>The words of a search, folded: letters and digits only, so that nothing typed is read as the engine's query syntax.</summary>
    public static IReadOnlyList<string> Terms(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
            return [];
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in Fold(search.Length > 500 ? search[..500] : search) + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }
            if (word.Length > 0 && !terms.Contains(word.ToString()))
                terms.Add(word.ToString());
            word.Clear();
            if (terms.Count == MaxTerms)
                break;
        }
        return terms;
    }

    /// <summary>
    /// The folded words of a text, one space between each: what is not a letter or digit is a
    /// space, so that both engines see the same words (PostgreSQL's parser reads "m-002" as m and
    /// the number -002).
    /// </summary>
    public static string Words(string text)
    {
        var folded = Fold(text);
        var words = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
                words.Append(c);
            else if (words.Length > 0 && words[^1] != ' ')
                words.Append(' ');
        }
        return words.ToString().TrimEnd();
    }

    /// <summary>What the search weighs most: the ID, the title and who it is assigned to.</summary>
    public static string TitleOf(Milestone milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        return Words($"{milestone.Id} {milestone.Title} {milestone.AssignedTo}");
    }

    /// <summary>
    /// Every text of every section, as typed: read from the milestone's own fields, not from its
    /// file, so that the template's placeholders of an empty field are never found.
    /// </summary>
    public static string BodyOf(Milestone milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var text = new StringBuilder();
        Collect(JsonSerializer.SerializeToElement(milestone), text, "");
        return Words(text.ToString());
    }

    // What the app keeps about a milestone, and the template's own words (every milestone has the
    // same metric keys, and a new one the same phase names), not what was written in it.
    private static readonly HashSet<string> NotContent = [nameof(Milestone.Id), nameof(Milestone.Title), nameof(Milestone.AssignedTo), nameof(Milestone.Version),
        nameof(Milestone.CreatedBy), nameof(Milestone.LastEditedBy), nameof(Milestone.ArchivedBy), nameof(CodeSample.Language), nameof(SuccessMetric.Key)];

    private static void Collect(JsonElement element, StringBuilder text, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!NotContent.Contains(property.Name))
                        Collect(property.Value, text, property.Name);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Collect(item, text, name);
                break;
            case JsonValueKind.String when element.GetString() is { Length: > 0 } value
                && !(name == nameof(ImplementationPhase.Name) && ImplementationPlan.TemplatePhaseNames.Contains(value)):
                text.Append(value).Append('\n');
                break;
        }
    }
}
