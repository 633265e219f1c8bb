namespace ChainForge.Milestones.Milestones;

/// <summary>Where both people changed the same lines of the canonical file, differently.</summary>
public sealed record MergeCollision(string Section, IReadOnlyList<string> Yours, IReadOnlyList<string> Theirs);

/// <summary>
/// A three-way merge of a milestone's canonical markdown: the version a person started from, what
/// they saved, and what someone else saved meanwhile. Every field and every list item is a line
/// of the file, so changes to different fields or different items merge; lines both changed
/// differently are a collision, for the person to decide (the merged text keeps the person's own
/// lines there: what they typed is never dropped).
/// </summary>
public sealed class MilestoneMerge
{
    private MilestoneMerge(string text, IReadOnlyList<MergeCollision> collisions, IReadOnlyList<string> theirSections)
    {
        Text = text;
        Collisions = collisions;
        TheirSections = theirSections;
    }

    /// <summary>The merged file; at a collision, the person's own lines.</summary>
    public string Text { get; }

    public IReadOnlyList<MergeCollision> Collisions { get; }

    /// <summary>The sections (## headings) in which the other person's changes were taken.</summary>
    public IReadOnlyList<string> TheirSections { get; }

    // Saving sets these from the rest (Progress from the ticked tasks, unless pinned; Last
    // Updated to today): both sides changing them is no collision, and the save settles them.
    private static readonly string[] Derived = ["- **Progress**:", "- **Last Updated**:"];

    public static MilestoneMerge Of(string started, string yours, string theirs)
    {
        ArgumentNullException.ThrowIfNull(started);
        ArgumentNullException.ThrowIfNull(yours);
        ArgumentNullException.ThrowIfNull(theirs);
        // A browser posts the started-from text of a hidden field with CRLF line ends.
        (started, yours, theirs) = (started.ReplaceLineEndings("\n"), yours.ReplaceLineEndings("\n"), theirs.ReplaceLineEndings("\n"));
        var basis = Lines(started);
        var mine = Lines(yours);
        var other = Lines(theirs);
        var toMine = Matches(started, yours, basis.Length);
        var toOther = Matches(started, theirs, basis.Length);

        var merged = new List<string>();
        var collisions = new List<MergeCollision>();
        var theirSections = new List<string>();
        int i = 0, j = 0, k = 0;
        while (true)
        {
            // The next line of the start that both sides kept, at or after where each stands.
            var stable = i;
            while (stable < basis.Length && !(toMine[stable] >= j && toOther[stable] >= k))
                stable++;
            var (endMine, endOther) = stable < basis.Length ? (toMine[stable], toOther[stable]) : (mine.Length, other.Length);
            if (stable == i && endMine == j && endOther == k && stable < basis.Length)
            {
                merged.Add(basis[i]);
                i++;
                j++;
                k++;
                continue;
            }
            var b = basis[i..stable];
            var m = mine[j..endMine];
            var t = other[k..endOther];
            var section = SectionAt(basis, i);
            // The "# ID: Title" heading is made from the Title field, whose own line says the same.
            var heading = m.Concat(t).Concat(b).All(line => line.StartsWith("# ", StringComparison.Ordinal));
            if (m.SequenceEqual(b))
            {
                merged.AddRange(t);
                if (!heading && !t.SequenceEqual(b) && !theirSections.Contains(section))
                    theirSections.Add(section);
            }
            else if (t.SequenceEqual(b) || m.SequenceEqual(t))
            {
                merged.AddRange(m);
            }
            else if (m.Concat(t).Concat(b).All(line => Derived.Any(d => line.StartsWith(d, StringComparison.Ordinal))))
            {
                merged.AddRange(t);
            }
            else if (heading)
            {
                merged.AddRange(m);
            }
            else
            {
                merged.AddRange(m);
                collisions.Add(new MergeCollision(section, m, t));
            }
            if (stable >= basis.Length)
                break;
            (i, j, k) = (stable, endMine, endOther);
        }
        return new MilestoneMerge(string.Join('\n', merged), collisions, theirSections);
    }

    private static string[] Lines(string text) => text.Split('\n');

    /// <summary>For each line of <paramref name="before"/>, the index of the same line kept in <paramref name="after"/>, or -1.</summary>
    private static int[] Matches(string before, string after, int count)
    {
        var matches = Enumerable.Repeat(-1, count).ToArray();
        foreach (var line in LineDiff.Unified(before, after))
        {
            if (line is { Change: LineDiff.Change.Unchanged, OldNumber: { } old, NewNumber: { } kept })
                matches[old - 1] = kept - 1;
        }
        return matches;
    }

    private static string SectionAt(string[] lines, int index)
    {
        for (var n = Math.Min(index, lines.Length - 1); n >= 0; n--)
        {
            if (lines[n].StartsWith("## ", StringComparison.Ordinal))
                return lines[n][3..];
        }
        return "the title";
    }
}
