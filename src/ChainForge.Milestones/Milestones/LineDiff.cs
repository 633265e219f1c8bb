using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace ChainForge.Milestones.Milestones;

/// <summary>A unified line diff of two markdown texts, for people to read (DiffPlex underneath).</summary>
public static class LineDiff
{
    public enum Change { Unchanged, Inserted, Deleted }

    public sealed record Line(Change Change, int? OldNumber, int? NewNumber, string Text);

    public static List<Line> Unified(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false);
        var lines = new List<Line>(model.Lines.Count);
        int oldNumber = 0, newNumber = 0;
        foreach (var piece in model.Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Inserted:
                    lines.Add(new Line(Change.Inserted, null, ++newNumber, piece.Text));
                    break;
                case ChangeType.Deleted:
                    lines.Add(new Line(Change.Deleted, ++oldNumber, null, piece.Text));
                    break;
                default:
                    lines.Add(new Line(Change.Unchanged, ++oldNumber, ++newNumber, piece.Text));
                    break;
            }
        }
        return lines;
    }

    /// <summary>Only the changed lines with <paramref name="context"/> unchanged lines around each.</summary>
    public static List<Line?> Hunks(IReadOnlyList<Line> lines, int context = 3) => Hunks(lines, l => l.Change != Change.Unchanged, context);

    /// <summary>
    /// Only the lines <paramref name="changed"/> picks, with <paramref name="context"/> lines around each;
    /// a null stands for unchanged lines left out, between two hunks or before the first and after the last.
    /// Any diff layout folds with this.
    /// </summary>
    public static List<T?> Hunks<T>(IReadOnlyList<T> lines, Func<T, bool> changed, int context = 3)
        where T : class
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (!changed(lines[i]))
                continue;
            for (var j = Math.Max(0, i - context); j <= Math.Min(lines.Count - 1, i + context); j++)
                keep[j] = true;
        }
        var hunks = new List<T?>();
        if (!keep.Contains(true))
            return hunks;
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
                hunks.Add(lines[i]);
            else if (hunks.Count == 0 || hunks[^1] is not null)
                hunks.Add(null); // a gap, also at either end: the reader sees the file goes on
        }
        return hunks;
    }
}
