using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace ChainForge.Milestones.Pages.Milestones.Editors;

/// <summary>One line of a diff: unchanged, removed or added; a gap stands for unchanged lines left out.</summary>
public sealed record DiffLine(ChangeType Change, string Text, bool IsGap = false);

/// <summary>What changed between two markdown texts, line by line, with a little context.</summary>
public static class LineDiff
{
    public static List<DiffLine> Changes(string before, string after, int context = 2)
    {
        var lines = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false).Lines;
        var changed = lines.Select((l, i) => (l, i)).Where(x => x.l.Type != ChangeType.Unchanged).Select(x => x.i).ToList();
        var shown = new List<DiffLine>();
        var last = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!changed.Exists(c => Math.Abs(c - i) <= context))
                continue;
            if ((last >= 0 && i > last + 1) || (last < 0 && i > 0))
                shown.Add(new DiffLine(ChangeType.Unchanged, "…", IsGap: true));
            shown.Add(new DiffLine(lines[i].Type, lines[i].Text));
            last = i;
        }
        if (last >= 0 && last < lines.Count - 1)
            shown.Add(new DiffLine(ChangeType.Unchanged, "…", IsGap: true));
        return shown;
    }
}
