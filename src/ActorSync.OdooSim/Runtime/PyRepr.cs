using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSync.OdooSim.Runtime;

/// <summary>Python's repr() and float formatting, which Odoo's messages and JSON answers show.</summary>
internal static class PyRepr
{
    public static string Of(JsonNode? node) => node switch
    {
        null => "None",
        JsonArray array => "[" + string.Join(", ", array.Select(Of)) + "]",
        JsonObject obj => "{" + string.Join(", ", obj.Select(p => $"{Str(p.Key)}: {Of(p.Value)}")) + "}",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => Str(value.GetValue<string>()),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.Number => value.ToJsonString(),
            _ => value.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };

    /// <summary>repr() of a str: single quotes unless the text has one and no double quote.</summary>
    public static string Str(string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ => c.ToString(),
            });
        }
        return sb.Append(quote).ToString();
    }

    /// <summary>repr() of a float: shortest round trip, always with a decimal point or exponent ("1820.0").</summary>
    public static string Float(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "Infinity" : "-Infinity";
        var s = d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        return s.Contains('.') || s.Contains('e') ? s : s + ".0";
    }
}
