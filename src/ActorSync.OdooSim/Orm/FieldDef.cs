using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

internal enum FieldType { Char, Text, Html, Integer, Float, Monetary, Boolean, Date, Datetime, Selection, Many2one, One2many, Many2many, Json }

/// <summary>What deleting the target of a many2one does to the rows pointing at it.</summary>
internal enum OnDelete { SetNull, Restrict, Cascade }

internal sealed class FieldDef
{
    public required string Name { get; init; }
    public required FieldType Type { get; init; }
    public required string Label { get; init; }
    public bool Required { get; set; }
    public string? Comodel { get; init; }
    /// <summary>For one2many: the many2one on the comodel pointing back.</summary>
    public string? Inverse { get; init; }
    /// <summary>For one2many: which of the inverse rows belong to this field (invoice_line_ids vs line_ids).</summary>
    public Func<Row, bool>? InverseFilter { get; set; }
    public IReadOnlyList<string>? Selection { get; init; }
    public Func<Env, Row, object?>? Compute { get; set; }
    public Func<Env, object?>? Default { get; set; }
    /// <summary>Internal state (password, API keys): stored, but unknown to the API.</summary>
    public bool Hidden { get; set; }
    public bool Readonly { get; set; }
    public bool CheckCompany { get; set; }
    public OnDelete OnDelete { get; set; } = OnDelete.SetNull;

    public bool Stored => Compute is null && Type != FieldType.One2many;
    public bool IsRelational => Type is FieldType.Many2one or FieldType.One2many or FieldType.Many2many;
    public bool IsX2Many => Type is FieldType.One2many or FieldType.Many2many;

    public string OdooTypeName => Type.ToString().ToLowerInvariant();
}
