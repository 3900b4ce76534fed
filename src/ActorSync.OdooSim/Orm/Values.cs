namespace ActorSync.OdooSim.Orm;

internal static class Values
{
    /// <summary>Sets a value that is still empty (Python's vals.setdefault for defaults).</summary>
    public static void Fill(this Dictionary<string, object?> values, string field, object? value)
    {
        if (values.GetValueOrDefault(field) is null) values[field] = value;
    }
}
