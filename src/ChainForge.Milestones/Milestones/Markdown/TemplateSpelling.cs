using System.Text;

namespace ChainForge.Milestones.Milestones.Markdown;

/// <summary>Enumerations as the template spells them: <c>IN_PROGRESS</c> for <c>InProgress</c>.</summary>
public static class TemplateSpelling
{
    public static string Write<T>(T value) where T : struct, Enum
    {
        foreach (var (known, spelling) in Spellings<T>.All)
        {
            if (EqualityComparer<T>.Default.Equals(known, value))
                return spelling;
        }
        return Spell(value);
    }

    private static string Spell<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
                text.Append('_');
            text.Append(char.ToUpperInvariant(name[i]));
        }
        return text.ToString();
    }

    /// <summary>Reads a value in any case; null when it is not one of the enumeration's.</summary>
    public static T? Parse<T>(string text) where T : struct, Enum
    {
        foreach (var (value, spelling) in Spellings<T>.All)
        {
            if (string.Equals(spelling, text, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        return null;
    }

    /// <summary>"HIGH, MEDIUM or LOW", for messages.</summary>
    public static string Choices<T>() where T : struct, Enum
    {
        var names = Enum.GetValues<T>().Select(v => Write(v)).ToList();
        return string.Join(", ", names[..^1]) + " or " + names[^1];
    }

    // Spelled once per enumeration: a large milestone reads and writes hundreds of them.
    private static class Spellings<T> where T : struct, Enum
    {
        public static readonly (T Value, string Spelling)[] All = [.. Enum.GetValues<T>().Select(v => (v, Spell(v)))];
    }
}
