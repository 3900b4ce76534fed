using System.Text;
using System.Text.RegularExpressions;

namespace ActorSync.OdooSim.Domains;

/// <summary>SQL LIKE patterns (% and _ wildcards, backslash escapes) as PostgreSQL matches them.</summary>
internal static class Like
{
    public static bool Matches(string text, string pattern, bool ignoreCase)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length) regex.Append(Regex.Escape(pattern[++i].ToString()));
            else if (c == '%') regex.Append(".*");
            else if (c == '_') regex.Append('.');
            else regex.Append(Regex.Escape(c.ToString()));
        }
        regex.Append('$');
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return Regex.IsMatch(text, regex.ToString(), options);
    }
}
