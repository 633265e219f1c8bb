using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace ChainForge.Milestones.Milestones.History;

public enum LineChange { Unchanged, Inserted, Deleted, Modified, Missing }

/// <summary>One line of one side; Missing is the gap facing a line the other side added.</summary>
public sealed record DiffLine(int? Number, string Text, LineChange Change);

/// <summary>A side-by-side row: the old text's line facing the new text's.</summary>
public sealed record SideBySideRow(DiffLine Old, DiffLine New)
{
    public bool Changed => Old.Change != LineChange.Unchanged || New.Change != LineChange.Unchanged;
}

/// <summary>The difference between two markdown texts, line by line, in both layouts.</summary>
public sealed class RevisionDiff
{
    /// <summary>
    /// The most lines of each side compared: the diff's work grows with the product of the sides'
    /// lengths when they differ throughout. A milestone at its limits fits; a longer text is cut.
    /// </summary>
    public const int MaxLines = 20_000;

    public RevisionDiff(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var (old, oldCut) = Bounded(WithoutFinalNewline(oldText));
        var (@new, newCut) = Bounded(WithoutFinalNewline(newText));
        Cut = oldCut || newCut;
        // A final newline would otherwise show as an extra empty line on both sides.
        var sides = SideBySideDiffBuilder.Diff(old, @new, ignoreWhiteSpace: false, ignoreCase: false);
        SideBySide = [.. sides.OldText.Lines.Zip(sides.NewText.Lines, (o, n) => new SideBySideRow(Line(o), Line(n)))];
        Unified = [.. Unify(SideBySide)];
        Changes = SideBySide.Count(r => r.Changed);
    }

    public IReadOnlyList<SideBySideRow> SideBySide { get; }
    /// <summary>The same rows unified, as the shared diff view (<c>_LineDiff</c>) shows lines.</summary>
    public IReadOnlyList<LineDiff.Line> Unified { get; }
    /// <summary>Rows that differ; 0 for equal texts.</summary>
    public int Changes { get; }

    /// <summary>A side was longer than <see cref="MaxLines"/> lines: only its first ones were compared.</summary>
    public bool Cut { get; }

    private static (string Text, bool Cut) Bounded(string text)
    {
        var end = -1;
        for (var line = 0; line < MaxLines; line++)
        {
            end = text.IndexOf('\n', end + 1);
            if (end < 0)
                return (text, false);
        }
        return (text[..end], true);
    }

    private static string WithoutFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;

    private static DiffLine Line(DiffPiece piece) => new(piece.Position, piece.Text ?? "", piece.Type switch
    {
        ChangeType.Inserted => LineChange.Inserted,
        ChangeType.Deleted => LineChange.Deleted,
        ChangeType.Modified => LineChange.Modified,
        ChangeType.Imaginary => LineChange.Missing,
        _ => LineChange.Unchanged,
    });

    /// <summary>A run of changed rows becomes its old lines, deleted, then its new lines, inserted.</summary>
    private static IEnumerable<LineDiff.Line> Unify(IEnumerable<SideBySideRow> rows)
    {
        var deleted = new List<LineDiff.Line>();
        var inserted = new List<LineDiff.Line>();
        foreach (var (old, @new) in rows)
        {
            if (old.Change == LineChange.Unchanged && @new.Change == LineChange.Unchanged)
            {
                foreach (var line in deleted.Concat(inserted))
                    yield return line;
                deleted.Clear();
                inserted.Clear();
                yield return new LineDiff.Line(LineDiff.Change.Unchanged, old.Number, @new.Number, old.Text);
                continue;
            }
            if (old.Change != LineChange.Missing)
                deleted.Add(new LineDiff.Line(LineDiff.Change.Deleted, old.Number, null, old.Text));
            if (@new.Change != LineChange.Missing)
                inserted.Add(new LineDiff.Line(LineDiff.Change.Inserted, null, @new.Number, @new.Text));
        }
        foreach (var line in deleted.Concat(inserted))
            yield return line;
    }
}
